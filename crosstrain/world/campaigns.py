"""Campaigns: when they ran, what they cost, what they reached, who responded."""

from __future__ import annotations

import numpy as np

from crosstrain.world.columns import Codes, Ref
from crosstrain.world.context import DAY, Context, weights
from crosstrain.world.people import users_with

# Days a campaign runs, by channel (min, max): an ad flight, an e-mail programme's sends, a
# webinar's or event's registration (the session is on its last day, ``event_date``), an
# always-on programme's stretch.
WINDOW_DAYS = {
    "paid_search": (30, 90), "paid_social": (21, 60), "display": (30, 60), "email": (7, 21),
    "webinar": (14, 30), "event": (5, 15), "content": (60, 180), "referral": (90, 90), "partner": (90, 90),
}
# Funnel from impressions to leads for paid media: CTR and click-to-lead rate.
PAID_CTR = {"paid_search": 0.065, "paid_social": 0.009, "display": 0.0035}
PAID_CVR = {"paid_search": 0.075, "paid_social": 0.03, "display": 0.015}
# Email: clicks per email sent and leads per click.
EMAIL_CLICK_RATE, EMAIL_LEAD_PER_CLICK = 0.027, 0.15
WEBINAR_LEADS_PER_INVITE = 0.04
SESSION_CHANNELS = ("webinar", "event")
# Nurture costs by the touch: the e-mail sends and the content distribution behind each touch
# a campaign brings beyond the leads it created (dollars), so a cheap programme that many
# deals pass through is not credited with an implausible return.
TOUCH_COST = {"email": 5.0, "content": 5.0}
# What a campaign costs before its first lead (creative, production, venue, platform fees), so
# a small campaign that lands one large deal is not credited with an implausible return.
FIXED_COST = {"paid_search": 8000.0, "paid_social": 8000.0, "display": 8000.0, "email": 9000.0, "webinar": 10000.0,
              "event": 25000.0, "content": 15000.0, "referral": 8000.0, "partner": 8000.0}


def campaign_channels(ctx: Context) -> list[str]:
    return [c for c in ctx.recipe.mix["channels"] if c != "outbound"]


def build_campaign_frame(ctx: Context) -> None:
    """Channels, windows and sizes; costs wait until leads are known."""
    rng = ctx.rng["campaigns"]
    channels = campaign_channels(ctx)
    all_channels = ctx.recipe.mix["channels"]
    w = weights([ctx.recipe.mix["channel_weights"][all_channels.index(c)] for c in channels])
    n = ctx.recipe.sizes["campaigns"]
    counts = np.maximum(1, np.floor(w * n).astype(int))
    counts[np.argmax(counts)] += n - counts.sum()
    channel = np.repeat(np.arange(len(channels)), counts)
    lo = np.array([WINDOW_DAYS[channels[c]][0] for c in channel])
    hi = np.array([WINDOW_DAYS[channels[c]][1] for c in channel])
    duration = rng.integers(lo, hi + 1) * DAY
    start = rng.integers(ctx.start, ctx.now - 7 * DAY, len(channel))
    # A marketing calendar: each channel's campaigns follow one another through the window
    # (one per stretch of it, at a random point of the middle half), not at independent random
    # dates, which left a channel dark for a quarter and doubled the next one's leads (and wins).
    for c in range(len(channels)):
        rows = np.flatnonzero(channel == c)
        u = (start[rows] - ctx.start) / (ctx.now - 7 * DAY - ctx.start)
        slot = np.argsort(np.argsort(u, kind="stable"), kind="stable")
        start[rows] = ctx.start + ((slot + 0.25 + 0.5 * u) / len(rows) * (ctx.now - 7 * DAY - ctx.start)).astype(np.int64)
    start -= start % DAY
    # Always-on programmes (referral, partner, content) tile the history evenly instead.
    for c, name in enumerate(channels):
        if name in ("referral", "partner"):
            rows = np.flatnonzero(channel == c)
            span = (ctx.now - ctx.start) / len(rows)
            start[rows] = (ctx.start + np.arange(len(rows)) * span).astype(np.int64)
            duration[rows] = np.maximum(int(span), DAY)
    # A webinar or event takes place on a weekday: a session that would fall on a weekend moves to the Thursday before.
    end = start + duration
    weekday = (end // DAY + 3) % 7
    session = np.isin(channel, [channels.index(c) for c in SESSION_CHANNELS if c in channels])
    duration -= np.where(session & (weekday >= 5), (weekday - 3) * DAY, 0)
    order = np.lexsort((start, channel))
    channel, start, duration = channel[order], start[order], duration[order]
    size = np.exp(rng.normal(0, 0.6, len(channel)))
    ctx.state.update(campaign_channel=channel, campaign_start=start, campaign_end=start + duration, campaign_size=size)


def pick_campaigns(ctx: Context, lead_channel: np.ndarray, rng: np.random.Generator):
    """For each lead of a campaign channel: a campaign of that channel and a created time."""
    channels = campaign_channels(ctx)
    all_channels = ctx.recipe.mix["channels"]
    st = ctx.state
    campaign = np.full(len(lead_channel), -1)
    created = rng.integers(ctx.start, ctx.now - 3600, len(lead_channel))
    for c, name in enumerate(channels):
        rows = np.flatnonzero(lead_channel == all_channels.index(name))
        pool = np.flatnonzero(st["campaign_channel"] == c)
        chosen = pool[rng.choice(len(pool), size=len(rows), p=weights(st["campaign_size"][pool]))]
        campaign[rows] = chosen
        start, end = st["campaign_start"][chosen], np.minimum(st["campaign_end"][chosen], ctx.now - 3600)
        created[rows] = start + (rng.random(len(rows)) * (end - start)).astype(np.int64)
    return campaign, created


def active_campaign(ctx: Context, channel_name: str, at: np.ndarray) -> np.ndarray:
    """The campaign of ``channel_name`` most recently started before each time (-1 if none)."""
    channels = campaign_channels(ctx)
    pool = np.flatnonzero(ctx.state["campaign_channel"] == channels.index(channel_name))
    starts = ctx.state["campaign_start"][pool]
    pos = np.searchsorted(starts, at, side="right") - 1
    return np.where(pos >= 0, pool[np.clip(pos, 0, None)], -1)


def in_flight(ctx: Context, channel_name: str, at: np.ndarray) -> np.ndarray:
    """The campaign of ``channel_name`` running at each time (-1 if its latest one has ended)."""
    campaign = active_campaign(ctx, channel_name, at)
    end = ctx.state["campaign_end"][np.clip(campaign, 0, None)]
    return np.where((campaign >= 0) & (at <= end), campaign, -1)


SESSION_HOURS = (9 * 3600, 17 * 3600)  # local hours an attendee joins a session (regional sessions)


def session_time(ctx: Context, campaign: np.ndarray, u: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """A time during the session of each webinar or event: on its day (``event_date``, UTC), at
    fraction ``u`` of the attendee's local working hours (their UTC ``offset`` in seconds),
    wrapped into that UTC day (regional sessions run in each region's daytime; clipping
    instead piled every far-east attendee onto midnight)."""
    lo, hi = SESSION_HOURS
    day = ctx.state["campaign_end"][campaign]
    local = lo + (u * (hi - lo)).astype(np.int64) - np.asarray(offset, dtype=np.int64)
    return day + local % 86_400


def next_session(ctx: Context, channel_name: str, after: np.ndarray, limit: np.ndarray, u: np.ndarray, offset: np.ndarray):
    """The first webinar or event of ``channel_name`` whose day begins after each time, and a
    time during it; campaign -1 where none comes before ``limit``."""
    channels = campaign_channels(ctx)
    st = ctx.state
    pool = np.flatnonzero(st["campaign_channel"] == channels.index(channel_name))
    pool = pool[np.argsort(st["campaign_end"][pool], kind="stable")]
    pos = np.searchsorted(st["campaign_end"][pool], after, side="right")
    campaign = pool[np.clip(pos, 0, len(pool) - 1)]
    time = session_time(ctx, campaign, u, offset)
    ok = (pos < len(pool)) & (time <= limit)
    return np.where(ok, campaign, -1), np.where(ok, time, after)


def last_send(ctx: Context, at: np.ndarray, since: np.ndarray) -> np.ndarray:
    """The e-mail campaign whose send (its start) came last before each time, if that send
    went out after the contact existed (``since``); else -1."""
    campaign = active_campaign(ctx, "email", at)
    sent = ctx.state["campaign_start"][np.clip(campaign, 0, None)]
    return np.where((campaign >= 0) & (sent >= since), campaign, -1)


def build_campaigns(ctx: Context) -> None:
    """Costs, reach and the table itself, now that each campaign's leads and touches are known."""
    rng = ctx.rng["campaigns"]
    st = ctx.state
    channels = campaign_channels(ctx)
    all_channels = ctx.recipe.mix["channels"]
    channel = st["campaign_channel"]
    n = len(channel)
    leads = np.bincount(st["lead_campaign"][st["lead_campaign"] >= 0], minlength=n)
    cpl = np.array([ctx.recipe.mix["channel_cpl"][all_channels.index(channels[c])] for c in channel])
    touches = np.bincount(st["tp_campaign"][st["tp_campaign"] >= 0], minlength=n)
    per_touch = np.array([TOUCH_COST.get(channels[c], 0.0) for c in channel])
    fixed = np.array([FIXED_COST[channels[c]] for c in channel])
    variable = np.maximum(leads, 3) * cpl + np.maximum(touches - leads, 0) * per_touch
    actual = np.round((fixed + variable) * np.exp(rng.normal(0, 0.15, n)), 2)
    budget = np.round(actual * rng.uniform(0.9, 1.25, n), -2)
    impressions = np.zeros(n, dtype=np.int64)
    clicks = np.zeros(n, dtype=np.int64)
    sent = np.zeros(n, dtype=np.int64)
    noise = lambda: np.exp(rng.normal(0, 0.15, n))
    for c, name in enumerate(channels):
        rows = channel == c
        if name in PAID_CTR:
            clicks[rows] = np.ceil(np.maximum(leads[rows], 1) / PAID_CVR[name] * noise()[rows])
            impressions[rows] = np.ceil(clicks[rows] / PAID_CTR[name] * noise()[rows])
        elif name == "email":
            sent[rows] = np.ceil(np.maximum(leads[rows], 1) / (EMAIL_CLICK_RATE * EMAIL_LEAD_PER_CLICK) * noise()[rows])
            clicks[rows] = np.ceil(sent[rows] * EMAIL_CLICK_RATE * noise()[rows])
        elif name == "webinar":
            sent[rows] = np.ceil(np.maximum(leads[rows], 1) / WEBINAR_LEADS_PER_INVITE * noise()[rows])
    start = st["campaign_start"]
    quarter = [f"{y}-Q{(m - 1) // 3 + 1}" for y, m in zip(start.astype("datetime64[s]").astype("datetime64[Y]").astype(int) + 1970,
                                                            start.astype("datetime64[s]").astype("datetime64[M]").astype(int) % 12 + 1)]
    themes = ctx.pools.themes[rng.integers(0, len(ctx.pools.themes), n)]
    names = np.array([f"{q} {channels[c].replace('_', ' ').title()}: {t}" for q, c, t in zip(quarter, channel, themes)], dtype=object)
    owners = users_with(ctx, "marketing")
    ctx.tables["campaigns"] = {
        "campaign_id": Ref(np.arange(n), "campaigns"),
        "name": names,
        "channel": Codes(channel, channels),
        "start_date": start,
        "end_date": st["campaign_end"],
        "event_date": np.where(np.isin(channel, [channels.index(c) for c in SESSION_CHANNELS]), st["campaign_end"], -1),
        "budget": budget,
        "actual_cost": actual,
        "impressions": impressions,
        "clicks": clicks,
        "emails_sent": sent,
        "owner_id": Ref(owners[channel % len(owners)], "users"),
    }


def build_members(ctx: Context) -> None:
    """One row per lead a campaign touched (responded), plus invitees who did not respond."""
    rng = ctx.rng["campaigns"]
    st = ctx.state
    channels = campaign_channels(ctx)
    n_leads = len(st["lead_created"])
    # The last use of the touches (over four million rows in large): let them go as soon as read.
    tp_campaign, tp_lead, tp_time = (st.pop(name) for name in ("tp_campaign", "tp_lead", "tp_time"))
    has = tp_campaign >= 0
    key = tp_campaign[has].astype(np.int64) * n_leads + tp_lead[has]
    times = tp_time[has]
    del tp_campaign, tp_lead, tp_time, has
    # Touches are in (lead, time) order, so a stable sort by key keeps each pair's first touch first.
    order = np.argsort(key, kind="stable")
    key, times = key[order], times[order]
    first = np.r_[True, key[1:] != key[:-1]]
    key, responded_at = key[first], times[first]
    campaign = key // n_leads
    code = st["campaign_channel"][campaign]
    in_person = np.isin(code, [channels.index("webinar"), channels.index("event")])
    status = np.where(in_person, 1, 0)  # attended / responded
    # Invitees who never responded: emails, webinar and event invitations reach more leads.
    invited = np.flatnonzero(np.isin(code, [channels.index(c) for c in ("email", "webinar", "event")]))
    extra = invited[rng.random(len(invited)) < 0.8]
    extra_lead = rng.integers(0, n_leads, len(extra))
    extra_status = np.where(code[extra] == channels.index("email"), 2, 3)  # sent / registered
    extra_key = campaign[extra] * n_leads + extra_lead
    # An invitee who also responded keeps only the response.
    pos = np.clip(np.searchsorted(key, extra_key), 0, max(len(key) - 1, 0))
    fresh = key[pos] != extra_key if len(key) else np.ones(len(extra_key), bool)
    extra_key, extra_status = extra_key[fresh], extra_status[fresh]
    order = np.argsort(extra_key, kind="stable")
    extra_key, extra_status = extra_key[order], extra_status[order]
    once = np.r_[True, extra_key[1:] != extra_key[:-1]]
    extra_key, extra_status = extra_key[once], extra_status[once]
    all_key = np.r_[key, extra_key]
    status = np.r_[status, extra_status]
    responded_at = np.r_[responded_at, np.full(len(extra_key), -1)]
    order = np.argsort(all_key, kind="stable")
    ctx.tables["campaign_members"] = {
        "campaign_id": Ref(all_key[order] // n_leads, "campaigns"),
        "lead_id": Ref(all_key[order] % n_leads, "leads"),
        "status": Codes(status[order], ("responded", "attended", "sent", "registered")),
        "responded_at": responded_at[order],
    }
