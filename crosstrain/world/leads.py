"""Contacts, leads and their touchpoints, up to the moment a lead becomes an MQL.

A lead's hidden buying intent drives how many touchpoints it has and which
kinds (pricing views and demo requests for keen buyers). Its engagement score
is the points of those touchpoints; it becomes an MQL at the first touch where
the mean of fit and engagement reaches the recipe's threshold, so a lesson can
rebuild the score from the touchpoints table.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from crosstrain.world.calendar import HOUR, country_offsets
from crosstrain.world.campaigns import pick_campaigns
from crosstrain.world.columns import MEMORY_POOL, Codes, Ref, join
from crosstrain.world.context import DAY, Context, weights
from crosstrain.world.names import country_codes, name_pools
from crosstrain.world.people import assign_by_territory, clock_of
from crosstrain.world.sessions import once_per_session
from crosstrain.world.touches import TOUCH_CHANNELS, attendances, channel_for_event, touch_campaigns

SENIORITY = ("c_level", "vp", "director", "manager", "individual_contributor", "student")
SENIORITY_WEIGHTS = (0.05, 0.10, 0.18, 0.27, 0.37, 0.03)
SENIORITY_FIT = (30, 27, 23, 16, 8, -15)
DEPARTMENTS = ("marketing", "sales", "it", "finance", "operations", "engineering", "hr", "customer_success")
DEPARTMENT_WEIGHTS = (0.24, 0.15, 0.15, 0.10, 0.12, 0.11, 0.05, 0.08)
C_LEVEL = {"marketing": "CMO", "sales": "CRO", "it": "CIO", "finance": "CFO", "operations": "COO",
           "engineering": "CTO", "hr": "CHRO", "customer_success": "Chief Customer Officer"}
DEPT_TITLE = {"marketing": "Marketing", "sales": "Sales", "it": "IT", "finance": "Finance", "operations": "Operations",
              "engineering": "Engineering", "hr": "People", "customer_success": "Customer Success"}
IC_TITLE = {"marketing": "Marketing Specialist", "sales": "Account Executive", "it": "Systems Administrator",
            "finance": "Financial Analyst", "operations": "Operations Analyst", "engineering": "Software Engineer",
            "hr": "HR Generalist", "customer_success": "Customer Success Associate"}
TIER_FIT = (35, 20, 5)
SEGMENT_FIT = (12, 13, 15)
FREE_MAIL_DOMAIN = "freemail.example"
# Touchpoint kinds: research events (early, low intent) and buying events (high intent).
RESEARCH = ("page_view", "email_open", "ad_click", "email_click")
RESEARCH_W = (0.45, 0.25, 0.2, 0.1)
ANONYMOUS = ("page_view", "ad_click")
ANONYMOUS_W = (0.7, 0.3)
BUYING = ("pricing_view", "demo_request", "webinar_attend", "form_submit", "event_visit")
BUYING_W = (0.38, 0.12, 0.2, 0.18, 0.12)
# The touch that created a lead, by source channel (webinar and event leads register; they
# attend on the session's day, touches.py).
CREATION_EVENT = {"paid_search": "form_submit", "paid_social": "form_submit", "display": "form_submit",
                  "email": "email_click", "webinar": "form_submit", "event": "form_submit",
                  "content": "form_submit", "referral": "form_submit", "partner": "form_submit"}
# "10" to "98", the numbers free-mail users add to their names.
TWO_DIGITS = pa.array([str(number) for number in range(10, 99)], pa.string())


def titles() -> tuple[list[str], np.ndarray]:
    """All titles, and a (seniority x department) lookup into them."""
    names, lookup = [], np.zeros((len(SENIORITY), len(DEPARTMENTS)), dtype=np.int32)
    for s, seniority in enumerate(SENIORITY):
        for d, dept in enumerate(DEPARTMENTS):
            title = {
                "c_level": C_LEVEL[dept], "vp": f"VP of {DEPT_TITLE[dept]}", "director": f"Director of {DEPT_TITLE[dept]}",
                "manager": f"{DEPT_TITLE[dept]} Manager", "individual_contributor": IC_TITLE[dept], "student": "Student",
            }[seniority]
            if title not in names:
                names.append(title)
            lookup[s, d] = names.index(title)
    return names, lookup


def build_leads(ctx: Context) -> None:
    rng = ctx.rng["leads"]
    mix = ctx.recipe.mix
    st = ctx.state
    n = ctx.recipe.sizes["leads"]
    channels = mix["channels"]
    channel = rng.choice(len(channels), size=n, p=weights(mix["channel_weights"]))
    campaign, created = pick_campaigns(ctx, channel, rng)
    outbound = channel == channels.index("outbound")
    # Outbound leads are prospected by SDRs, mostly into the ICP.
    acct_w = np.array(mix["segment_lead_weights"])[st["account_segment"]] * np.array([2.0, 1.3, 1.0])[st["account_tier"]]
    account = rng.choice(len(acct_w), size=n, p=weights(acct_w))
    segment = st["account_segment"][account]
    seniority = rng.choice(len(SENIORITY), size=n, p=weights(SENIORITY_WEIGHTS))
    department = rng.choice(len(DEPARTMENTS), size=n, p=weights(DEPARTMENT_WEIGHTS))
    title_names, title_lookup = titles()
    title = title_lookup[seniority, department]
    free_mail = rng.random(n) < mix["free_mail_share"]
    fit = (SENIORITY_FIT[0] * 0 + np.array(SENIORITY_FIT)[seniority] + np.array(TIER_FIT)[st["account_tier"][account]]
           + np.array(SEGMENT_FIT)[segment] - 12 * free_mail + rng.normal(0, 7, n))
    fit = np.clip(np.round(fit), 0, 100).astype(np.int64)
    intent = rng.normal(0, 1, n) + np.log(np.array(mix["channel_intent"]))[channel]
    # Names from the locale of the account's country (names.py).
    names = name_pools()
    st["account_country_code"] = country_codes(st["account_country"])
    # The stream's draws as before (the rest of the world stays as it was), read as quantiles of the country's names.
    first_u = rng.integers(0, len(ctx.pools.first_names), n) / len(ctx.pools.first_names)
    last_u = rng.integers(0, len(ctx.pools.last_names), n) / len(ctx.pools.last_names)
    first_pick, last_pick = names.pick(st["account_country_code"][account], first_u, last_u)
    email = _emails(names.take("first", first_pick, "slug"), names.take("last", last_pick, "slug"),
                    _take(work_mail_hosts(st["account_domain"]), account), free_mail, rng)
    owner = assign_by_territory(ctx, "sdr", segment, st["account_region"][account], ctx.rng["owners"], at=created)  # final: own_leads
    created = _arrival_times(ctx, created, campaign, outbound, account, owner, rng)
    st.update(lead_channel=channel, lead_campaign=campaign, lead_created=created, lead_account=account,
              lead_segment=segment, lead_seniority=seniority, lead_fit=fit, lead_intent=intent,
              lead_outbound=outbound, lead_free_mail=free_mail, lead_owner=owner)
    ctx.tables["contacts"] = {
        "contact_id": Ref(np.arange(n), "contacts"),
        "account_id": Ref(account, "accounts"),
        "first_name": names.take("first", first_pick),
        "last_name": names.take("last", last_pick),
        "local_name": names.local_names(first_pick, last_pick),
        "email": email,
        "title": Codes(title, title_names),
        "seniority": Codes(seniority, SENIORITY),
        "department": Codes(department, DEPARTMENTS),
        "created_at": created,
    }
    ctx.tables["leads"] = {
        "lead_id": Ref(np.arange(n), "leads"),
        "contact_id": Ref(np.arange(n), "contacts"),
        "account_id": Ref(account, "accounts"),
        "company": _per_account(st["account_name"], account),
        "title": Codes(title, title_names),
        "seniority": Codes(seniority, SENIORITY),
        "industry": Codes(st["account_industry"][account], mix["industries"]),
        "employees": st["account_employees"][account],
        "country": _per_account(st["account_country"], account),
        "segment": Codes(segment, ctx.segments),
        "email": email,
        "source_channel": Codes(channel, channels),
        "campaign_id": Ref(campaign, "campaigns"),
        "owner_id": Ref(owner, "users"),
        "created_at": created,
        "fit_score": fit,
        # The funnel fills in the rest, engagement from the touchpoints (funnel.py).
    }


def _arrival_times(ctx: Context, created, campaign, outbound, account, owner, rng) -> np.ndarray:
    """Inbound leads arrive mostly in the buyer's business hours (web forms, with an evening
    tail), inside their campaign's dates; outbound leads are created by their SDR, spread
    evenly over the SDR's working time."""
    st, cal = ctx.state, ctx.calendar
    last = ctx.now - HOUR
    has_campaign = campaign >= 0
    lo = np.where(has_campaign, st["campaign_start"][campaign], ctx.start)
    hi = np.where(has_campaign, np.minimum(st["campaign_end"][campaign], last), last)
    inbound = cal.arrivals(created, country_offsets(st["account_country"])[account], lo, hi, rng)
    u = (created - ctx.start) / (last - ctx.start)
    n = len(created)
    prospected = cal.between(np.full(n, ctx.start), np.full(n, last), u, clock_of(ctx, owner))
    return np.where(outbound, prospected, inbound)


def _emails(first_l: pa.Array, last_l: pa.Array, host: pa.Array, free_mail, rng) -> pa.Array:
    """Work addresses ``first.last@company.example``; some people use a free-mail address.

    ``first_l`` and ``last_l`` are the names in lower case, ``host`` each one's
    ``@company.example``."""
    pool = MEMORY_POOL
    number = _take(TWO_DIGITS, rng.integers(10, 99, len(first_l)) - 10)
    work = join(first_l, ".", last_l, host)
    free = join(first_l, last_l, number, "@" + FREE_MAIL_DOMAIN)
    return numbered(pc.if_else(pa.array(free_mail, memory_pool=pool), free, work, memory_pool=pool))


def numbered(email: pa.Array) -> pa.Array:
    """``email`` with each repeat of an earlier address numbered (``ann.lee2@...``); the first
    of each stays as it is, so addresses already unique keep their form when more are appended."""
    pool = MEMORY_POOL
    # Two people with one name at one company get numbered addresses, as mail servers do.
    # Each distinct address gets a code (one hash pass in Arrow); codes seen twice clash.
    codes = pc.dictionary_encode(email, memory_pool=pool).indices.to_numpy()
    clash = np.bincount(codes)[codes] > 1
    if clash.any():
        rows = np.flatnonzero(clash)
        repeat = _occurrence(codes[rows])
        rows, repeat = rows[repeat > 0], repeat[repeat > 0]
        # Only the renamed addresses pass through Python; the rest stay in Arrow.
        renamed = [f"{user}{count + 1}@{domain}" for (user, _, domain), count
                   in zip((address.partition("@") for address in _take(email, rows).to_pylist()), repeat.tolist())]
        index = np.arange(len(email))
        index[rows] = len(email) + np.arange(len(rows))
        email = _take(pa.concat_arrays([email, pa.array(renamed, pa.string(), memory_pool=pool)], memory_pool=pool), index)
    return email


def _occurrence(keys: np.ndarray) -> np.ndarray:
    """For each element, how many equal keys come before it (0 for the first of each)."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.r_[0, np.flatnonzero(ordered[1:] != ordered[:-1]) + 1]
    rank = np.arange(len(keys)) - np.repeat(starts, np.diff(np.r_[starts, len(keys)]))
    occurrence = np.empty_like(rank)
    occurrence[order] = rank
    return occurrence


def _take(values: pa.Array, index: np.ndarray) -> pa.Array:
    return pc.take(values, index, memory_pool=MEMORY_POOL)


def work_mail_hosts(domains: np.ndarray) -> pa.Array:
    """``@<domain>.example`` for each account."""
    return join("@", pa.array(domains, pa.string(), memory_pool=MEMORY_POOL), ".example")


def _per_account(values: np.ndarray, account: np.ndarray) -> pa.Array:
    """Each lead's account's value of a string column: made Arrow once per account, then taken."""
    return _take(pa.array(values, pa.string(), memory_pool=MEMORY_POOL), account)


def build_touchpoints(ctx: Context) -> None:
    rng = ctx.rng["touchpoints"]
    st = ctx.state
    mix, funnel = ctx.recipe.mix, ctx.recipe.funnel
    n = len(st["lead_created"])
    intent, outbound, created = st["lead_intent"], st["lead_outbound"], st["lead_created"]
    k_pre = rng.poisson(np.where(outbound, 0.3, 0.9))
    k_create = (~outbound).astype(np.int64)
    k_post = rng.poisson(np.clip(1.8 * np.exp(0.7 * intent), 0, 16))
    total = k_pre + k_create + k_post
    lead = np.repeat(np.arange(n), total)
    # Kind 0 before the lead exists, 1 its creation, 2 after: small codes, arrays made in place
    # (a million-lead world has over four million touches, 35 MB per int64 column).
    pos = np.arange(len(lead)) - np.repeat(np.cumsum(total) - total, total)
    kind = (pos >= k_pre[lead]).view(np.int8)
    kind += pos >= (k_pre + k_create)[lead]
    del pos
    m = len(lead)
    before = rng.exponential(12 * DAY, m)
    np.negative(before, out=before)
    before -= 60
    offset = rng.exponential(16 * DAY, m)
    offset += 60
    offset[kind == 1] = 0
    np.copyto(offset, before, where=kind == 0)
    del before
    lead_created = created[lead]
    time = lead_created + offset.astype(np.int64)
    del offset
    # Buyers browse and open mail mostly in their own business hours (calendar.py).
    buyer = country_offsets(st["account_country"])[st["lead_account"]][lead]
    # Touches stay on their side of the lead's creation (and before the reference date).
    after = kind == 2
    lo = time - 7 * DAY
    np.copyto(lo, lead_created + 60, where=after)
    hi = lead_created
    hi -= 60
    hi[after] = ctx.now - 60
    del lead_created, after
    arrived = ctx.calendar.arrivals(time, buyer, lo, hi, rng)
    del buyer, lo, hi
    np.copyto(arrived, time, where=kind == 1)
    time = arrived
    keep = time < ctx.now
    lead, kind, time = lead[keep], kind[keep], time[keep]
    m = len(lead)
    # Event type: research events early, buying events more likely for keen leads; before the
    # lead exists the buyer is anonymous (web visits and ad clicks, no e-mail reaches them).
    buying = (kind == 2) & (rng.random(m) < 1 / (1 + np.exp(-(intent[lead] - 0.7))))
    event_types = funnel["event_types"]
    research_ev = np.array([event_types.index(e) for e in RESEARCH])
    anonymous_ev = np.array([event_types.index(e) for e in ANONYMOUS])
    buying_ev = np.array([event_types.index(e) for e in BUYING])
    event = np.where(buying, buying_ev[rng.choice(len(BUYING), m, p=weights(BUYING_W))],
                     research_ev[rng.choice(len(RESEARCH), m, p=weights(RESEARCH_W))])
    anonymous = kind == 0
    event[anonymous] = anonymous_ev[rng.choice(len(ANONYMOUS), int(anonymous.sum()), p=weights(ANONYMOUS_W))]
    channel = channel_for_event(event, event_types, rng)
    creation = kind == 1
    lead_channels = mix["channels"]
    creation_event = np.array([event_types.index(CREATION_EVENT.get(c, "form_submit")) for c in lead_channels])
    creation_channel = np.array([TOUCH_CHANNELS.index(c) if c in TOUCH_CHANNELS else -1 for c in lead_channels])
    event[creation] = creation_event[st["lead_channel"][lead[creation]]]
    channel[creation] = creation_channel[st["lead_channel"][lead[creation]]]
    campaign, time = touch_campaigns(ctx, lead, time, event, channel, ~creation, rng)
    campaign[creation] = st["lead_campaign"][lead[creation]]
    lead, time, event, channel, campaign = (np.r_[a, b] for a, b in zip((lead, time, event, channel, campaign), attendances(ctx, rng)))
    # Touches are grouped by lead already; sort by (lead, time) with one integer key.
    order = np.argsort((lead.astype(np.int64) << 32) | (time - time.min()), kind="stable")
    lead, time, event, channel, campaign = lead[order], time[order], event[order], channel[order], campaign[order]
    once_per_session(ctx, lead, time, event, channel, campaign, TOUCH_CHANNELS.index("direct"))
    # Engagement: cumulative points per lead, in time order.
    points = np.array(funnel["event_points"], dtype=np.int64)[event]
    cum = np.cumsum(points)
    starts = np.r_[0, np.flatnonzero(lead[1:] != lead[:-1]) + 1]
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(lead)]))
    cum_lead = cum - np.r_[0, cum][group_start]
    engagement = np.zeros(n, dtype=np.int64)
    np.maximum.at(engagement, lead, np.minimum(cum_lead, 100))
    # MQL: first touch where mean(fit, engagement so far) reaches the threshold.
    combined = (st["lead_fit"][lead] + np.minimum(cum_lead, 100)) / 2
    crossing = (combined >= funnel["mql_threshold"]) & ~outbound[lead]
    mql_at = np.full(n, -1, dtype=np.int64)
    hit = np.flatnonzero(crossing)
    first_hit = hit[np.r_[True, lead[hit][1:] != lead[hit][:-1]]] if len(hit) else hit
    lag = rng.integers(5 * 60, 45 * 60, len(first_hit))  # the scoring job runs every few minutes
    mql_at[lead[first_hit]] = np.maximum(time[first_hit], created[lead[first_hit]]) + lag
    mql_at[mql_at >= ctx.now] = -1
    # The table waits for the touches made during deals (touches.py).
    st.update(lead_engagement=engagement, lead_mql=mql_at, tp_lead=lead, tp_time=time, tp_campaign=campaign,
              tp_event=event, tp_channel=channel)
