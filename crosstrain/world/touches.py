"""Touchpoints that respect their campaigns, and the touches a buying group makes during a deal.

A touch belongs to a campaign only when that campaign could have caused it: an ad click
during its flight, an e-mail open or click after a send to a contact who already existed,
a webinar or event visit on that session's day. A touch that cannot find such a campaign
becomes what it would be in a real CRM: a direct visit (an ad or e-mail no campaign explains)
or a pricing-page view (a session that never came). Buyers keep touching the seller while
a deal runs (the whole buying group opens e-mails, attends sessions, reads pricing), up to
days before the close, so first-, last-touch, U-, W-shaped and time-decay attribution
credit different touches.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world.calendar import HOUR, country_offsets
from crosstrain.world.campaigns import SESSION_CHANNELS, campaign_channels, in_flight, last_send, next_session, session_time
from crosstrain.world.columns import Codes, Ref
from crosstrain.world.context import DAY, Context, weights
from crosstrain.world.members import attribute
from crosstrain.world.sessions import once_per_session

TOUCH_CHANNELS = ("paid_search", "paid_social", "display", "email", "webinar", "event", "content", "referral", "partner", "direct")
PAID = ("paid_search", "paid_social", "display")
# Where a touch happens follows from what it is: email opens in email, demo requests direct...
EVENT_CHANNEL = {"pricing_view": "direct", "demo_request": "direct", "form_submit": "content", "email_open": "email",
                 "email_click": "email", "webinar_attend": "webinar", "event_visit": "event"}
# Share of registrants who attend the session.
SHOW_RATE = {"webinar": 0.55, "event": 0.7}
# Touches while a deal is open: what the buying group does, and how often.
DEAL_EVENTS = ("email_open", "email_click", "page_view", "pricing_view", "webinar_attend", "event_visit", "ad_click")
DEAL_EVENTS_W = (0.3, 0.12, 0.22, 0.16, 0.08, 0.04, 0.08)
DEAL_TOUCHES_PER_30_DAYS = 1.5
# The last touch before a close is mostly the buyer on the pricing page or answering the contract e-mail.
FINAL_EVENTS = ("pricing_view", "email_click", "demo_request")
FINAL_EVENTS_W = (0.75, 0.1, 0.15)
# Touches of a won customer a month after the close (newsletters, webinars, the product pages).
CUSTOMER_TOUCHES_PER_30_DAYS = 0.5
# Touches clustered before the close: how many besides the last (mean, Poisson) and how many
# days (mean, exponential) before the last they come; and how many days before the close the last comes.
LATE_TOUCHES = 3.5
LATE_TOUCH_DAYS = 5.0
LAST_TOUCH_DAYS = 4.0
# A deal's touches stop this long before its close time, so they fall before its close date
# whatever the owner's time zone (close_date is the owner's local date).
CLOSE_MARGIN = 27 * HOUR


def channel_for_event(event, event_types, rng) -> np.ndarray:
    """Each touch's channel: fixed by its event type, except page views (direct or content)
    and ad clicks (one of the paid channels), which are drawn."""
    ch = {name: TOUCH_CHANNELS.index(name) for name in TOUCH_CHANNELS}
    m = len(event)
    drawn = {
        "ad_click": np.array([ch[name] for name in PAID])[rng.choice(3, m, p=[0.5, 0.3, 0.2])],
        "page_view": np.where(rng.random(m) < 0.7, ch["direct"], ch["content"]),
    }
    fixed = np.array([-1 if name in drawn else ch[EVENT_CHANNEL[name]] for name in event_types])
    channel = fixed[event]
    for name, values in drawn.items():
        rows = event == event_types.index(name)
        channel[rows] = values[rows]
    return channel


def touch_campaigns(ctx: Context, lead, time, event, channel, rows, rng, limit=None):
    """The campaign of each touch in ``rows`` (a mask), moving webinar and event visits onto
    their session's day; touches no campaign explains change kind (module docstring).
    Changes ``event`` and ``channel`` in place; returns (campaign, time)."""
    st = ctx.state
    event_types = ctx.recipe.funnel["event_types"]
    ch = {name: TOUCH_CHANNELS.index(name) for name in TOUCH_CHANNELS}
    limit = np.full(len(time), ctx.now - 60) if limit is None else limit
    campaign = np.full(len(time), -1)
    time = time.copy()
    for name in PAID + ("content",):
        sel = np.flatnonzero(rows & (channel == ch[name]))
        campaign[sel] = in_flight(ctx, name, time[sel])
        if name in PAID:  # a click no flight explains was a direct visit
            lost = sel[campaign[sel] < 0]
            event[lost], channel[lost] = event_types.index("page_view"), ch["direct"]
    sel = np.flatnonzero(rows & (channel == ch["email"]))
    campaign[sel] = last_send(ctx, time[sel], st["lead_created"][lead[sel]])
    lost = sel[campaign[sel] < 0]
    event[lost], channel[lost] = event_types.index("page_view"), ch["direct"]
    for name in ("webinar", "event"):
        sel = np.flatnonzero(rows & (channel == ch[name]))
        buyer = country_offsets(st["account_country"])[st["lead_account"][lead[sel]]]
        campaign[sel], time[sel] = next_session(ctx, name, time[sel], limit[sel], rng.random(len(sel)), buyer)
        lost = sel[campaign[sel] < 0]
        event[lost], channel[lost] = event_types.index("pricing_view"), ch["direct"]
    return campaign, time


def attendances(ctx: Context, rng):
    """Registered webinar and event leads who attend, on the session's day (before today):
    (lead, time, event, channel, campaign)."""
    st = ctx.state
    channels = campaign_channels(ctx)
    event_types = ctx.recipe.funnel["event_types"]
    campaign = st["lead_campaign"]
    code = st["campaign_channel"][np.clip(campaign, 0, None)]
    parts = []
    for name, visit in zip(SESSION_CHANNELS, ("webinar_attend", "event_visit")):
        lead = np.flatnonzero((campaign >= 0) & (code == channels.index(name)))
        lead = lead[rng.random(len(lead)) < SHOW_RATE[name]]
        buyer = country_offsets(st["account_country"])[st["lead_account"][lead]]
        time = session_time(ctx, campaign[lead], rng.random(len(lead)), buyer)
        lead, time = lead[time < ctx.now - 60], time[time < ctx.now - 60]
        n = len(lead)
        parts.append((lead, time, np.full(n, event_types.index(visit)), np.full(n, TOUCH_CHANNELS.index(name)), campaign[lead]))
    return tuple(np.r_[a, b] for a, b in zip(*parts))


def deal_touches(ctx: Context, rng):
    """Touches of each deal's buying group between its creation and its close (or today), and
    of won customers after it: (lead, time, event, channel, campaign, contact)."""
    st = ctx.state
    lead, created = st["opp_lead"], st["opp_created"]
    end = np.where(st["opp_closed"], st["opp_close"] - CLOSE_MARGIN, ctx.now - 60)
    span = np.maximum(end - created, 0)
    spread = rng.poisson(DEAL_TOUCHES_PER_30_DAYS * span / (30 * DAY))
    late = (rng.poisson(LATE_TOUCHES) + 1) * (span > 0)
    deal = np.repeat(np.arange(len(lead)), spread + late)
    m = len(deal)
    # The first touches spread over the deal; the rest cluster before the end (the buying group
    # checks pricing, reads the proposal, opens the contract e-mail), the last a few days out.
    pos = np.arange(m) - np.repeat(np.cumsum(spread + late) - spread - late, spread + late)
    is_late = pos >= spread[deal]
    is_last = pos == (spread + late)[deal] - 1
    last_time = end - (rng.exponential(LAST_TOUCH_DAYS, len(end)) * DAY).astype(np.int64)
    time = np.where(is_last, last_time[deal], np.where(
        is_late, last_time[deal] - rng.exponential(LATE_TOUCH_DAYS, m) * DAY, created[deal] + rng.random(m) * span[deal]))
    # A late touch of a short deal that would fall before the deal existed lands anywhere in
    # it instead (clamping them all to the creation second gave ties no tracker records).
    early = time < created[deal]
    time = np.where(early, created[deal] + rng.random(m) * span[deal], time).astype(np.int64)
    event_types = ctx.recipe.funnel["event_types"]
    codes = np.array([event_types.index(e) for e in DEAL_EVENTS])
    event = codes[rng.choice(len(DEAL_EVENTS), m, p=weights(DEAL_EVENTS_W))]
    last = np.flatnonzero(is_last)
    final = np.array([event_types.index(e) for e in FINAL_EVENTS])
    event[last] = final[rng.choice(len(FINAL_EVENTS), len(last), p=weights(FINAL_EVENTS_W))]
    lo, hi = created[deal], end[deal]
    # Customers keep reading the newsletter and joining webinars after a win: customer marketing,
    # which no model may credit with the win (module 07's touch path stops at the close).
    since = np.where(st["opp_won"], st["opp_close"] + DAY, ctx.now)
    after = rng.poisson(CUSTOMER_TOUCHES_PER_30_DAYS * np.maximum(ctx.now - 60 - since, 0) / (30 * DAY))
    customer = np.repeat(np.arange(len(lead)), after)
    c_time = since[customer] + (rng.random(len(customer)) * (ctx.now - 60 - since[customer])).astype(np.int64)
    c_event = codes[rng.choice(len(DEAL_EVENTS), len(customer), p=weights(DEAL_EVENTS_W))]
    deal, time, event = np.r_[deal, customer], np.r_[time, c_time], np.r_[event, c_event]
    lo, hi = np.r_[lo, since[customer]], np.r_[hi, np.full(len(customer), ctx.now - 60)]
    # Buyers read e-mail and pricing pages in their own business hours (calendar.py).
    buyer = country_offsets(st["account_country"])[st["lead_account"][lead[deal]]]
    time = ctx.calendar.arrivals(time, buyer, lo, hi, rng)
    channel = channel_for_event(event, event_types, rng)
    campaign, time = touch_campaigns(ctx, lead[deal], time, event, channel, np.ones(len(deal), bool), rng, limit=hi)
    contact = attribute(ctx, deal, time, ctx.rng["contacts"])  # the member of the buying group who touched
    return lead[deal], time, event, channel, campaign, contact


def lead_time_order(lead: np.ndarray, time: np.ndarray) -> np.ndarray:
    """The stable order of touches by lead, then time: ``np.lexsort((time, lead))`` as one
    argsort of a combined integer key, several times faster (the kept touches are one sorted run)."""
    if not len(lead):
        return np.arange(0)
    since = time - time.min()
    if since.max() >= 2**32 or lead.min() < 0:
        return np.lexsort((time, lead))
    return np.argsort((lead.astype(np.int64) << 32) | since, kind="stable")


def build_deal_touches(ctx: Context) -> None:
    """Replace converted leads' later touches by their deal's, fix engagement, and make the table."""
    st = ctx.state
    rng = ctx.rng["touchpoints"]
    # Once a lead has a deal, its touches are the deal's: the lead's own nurture stops there.
    # Columns are filtered, then extended, one at a time, each original freed at once (a
    # million-lead world's touches are 35 MB a column); event and channel become small codes.
    opp_at = st["lead_opp_at"][st["tp_lead"]]
    keep = (opp_at < 0) | (st["tp_time"] < opp_at)
    del opp_at
    lead_tp = [st.pop(name)[keep] for name in ("tp_lead", "tp_time", "tp_event", "tp_channel", "tp_campaign")]
    del keep
    # Engagement is marketing's score of the lead until it converts: deal touches do not count.
    points = np.array(ctx.recipe.funnel["event_points"], dtype=np.int64)
    before = np.bincount(lead_tp[0], weights=points[lead_tp[2]], minlength=len(st["lead_created"]))
    deal_tp = list(deal_touches(ctx, rng))
    lead_tp.append(lead_tp[0].astype(np.int32))  # before its deal, a lead's touches are its own contact's
    for i, dtype in enumerate((np.int64, np.int64, np.int8, np.int8, np.int64, np.int32)):
        lead_tp[i] = np.r_[lead_tp[i], deal_tp[i]].astype(dtype, copy=False)
        deal_tp[i] = None
    lead, time, event, channel, campaign, contact = lead_tp
    del lead_tp
    st["lead_engagement"] = np.minimum(before.astype(np.int64), 100)
    order = lead_time_order(lead, time)
    lead, time, event, channel, campaign, contact = (a[order] for a in (lead, time, event, channel, campaign, contact))
    once_per_session(ctx, lead, time, event, channel, campaign, TOUCH_CHANNELS.index("direct"))  # sessions.py
    st.update(tp_lead=lead, tp_time=time, tp_campaign=campaign)
    ctx.tables["touchpoints"] = {
        "touchpoint_id": Ref(np.arange(len(lead)), "touchpoints"),
        "lead_id": Ref(lead, "leads"),
        "contact_id": Ref(contact, "contacts"),
        "occurred_at": time,
        "channel": Codes(channel, TOUCH_CHANNELS),
        "event_type": Codes(event, ctx.recipe.funnel["event_types"]),
        "campaign_id": Ref(campaign, "campaigns"),
    }
