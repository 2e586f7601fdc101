"""Customers after the close: subscriptions and every change of their ARR.

A won new-business deal starts a subscription at its amount as ARR, owned by a CSM of its
segment. Within each contract year expansions arrive (the customer's yearly rate, rounded at
random: more often with an engaged champion); at each term end the customer churns, contracts or renews flat, and churn is
likelier after a heavy discount or without an economic buyer. The recipe's rates are those
of an average customer of the segment (the sale's effects are centred on them), so retention
by segment lands near the domain brief's medians whatever the mix of deals.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world import expansions, staffing
from crosstrain.world.columns import Codes, Ref
from crosstrain.world.context import DAY, Context, logit, sigmoid, weights
from crosstrain.world.deals import _calibrate
from crosstrain.world.people import clock_of, pools_of

CHURN_REASONS = ("product_fit", "champion_left", "budget_cut", "competitor", "poor_onboarding")
EXPANSION_REASONS = ("seats", "new_team", "upsell")
REASONS = CHURN_REASONS + EXPANSION_REASONS
EVENT_TYPES = ("new", "renewal", "expansion", "contraction", "churn")
NEW, RENEWAL, EXPANSION, CONTRACTION, CHURN = range(len(EVENT_TYPES))
STATUSES = ("active", "churned")
# Expansions at most per contract year.
MAX_EXPANSIONS = 4
# Churn reasons for an average churned customer (CHURN_REASONS order) and how the sale shifts them.
REASON_WEIGHTS = (0.24, 0.18, 0.22, 0.16, 0.20)
CONTRACTION_REASONS = (CHURN_REASONS.index("budget_cut"), CHURN_REASONS.index("product_fit"), CHURN_REASONS.index("champion_left"))


def add_months(midnight: np.ndarray, months) -> np.ndarray:
    """The same day ``months`` later (a 29th of February becomes the 1st of March), as midnights."""
    day = np.asarray(midnight, dtype=np.int64) // DAY
    d = day.astype("datetime64[D]")
    m = d.astype("datetime64[M]")
    into = d - m.astype("datetime64[D]")
    return ((m + np.asarray(months)).astype("datetime64[D]") + into).astype(np.int64) * DAY


def build_customers(ctx: Context) -> None:
    rng = ctx.rng["customers"]
    st, r = ctx.state, ctx.recipe.retention
    opps = ctx.tables["opportunities"]
    deal = np.flatnonzero(st["opp_won"])
    deal = deal[np.lexsort((deal, opps["close_date"][deal]))]  # ids follow the start date
    m = len(deal)
    start = opps["close_date"][deal]
    segment = opps["segment"].codes[deal]
    arr0 = st["opp_amount"][deal]
    sale = {"heavy": opps["discount_pct"][deal] >= r["heavy_discount_pct"], "no_eb": ~opps["has_economic_buyer"][deal],
            "champion": opps["has_champion"][deal], "competitor": opps["competitor"][deal] != None}  # noqa: E711
    term_months = np.array(r["term_months"])
    term = np.empty(m, dtype=np.int64)
    for seg, name in enumerate(ctx.segments):
        rows = np.flatnonzero(segment == seg)
        term[rows] = term_months[rng.choice(len(term_months), len(rows), p=weights(r[f"term_shares_{name}"]))]
    churn_p, contract_p, expand_rate = _risks(r, segment, sale)
    pools = pools_of(ctx, "csm")
    csm = staffing.pick_by_segment(ctx, pools, segment, start, rng, balanced=True)
    clock = clock_of(ctx, csm)
    arr, alive = arr0.astype(float).copy(), np.ones(m, dtype=bool)
    churned_at, reason, next_renewal = np.full(m, -1, np.int64), np.full(m, -1), add_months(start, term)
    events = [(np.arange(m), start, np.full(m, NEW), np.zeros(m), arr.copy(), np.full(m, -1))]
    attempts = []  # expansion deals the CSM lost: (subscription, day, amount)
    years = int((ctx.now - start.min()) // (365 * DAY)) + 2 if m else 0
    for k in range(1, years + 1):
        lo, hi = add_months(start, 12 * (k - 1)), add_months(start, 12 * k)
        live = alive & (lo < ctx.now)
        count = np.minimum(expand_rate + rng.random(m), MAX_EXPANSIONS).astype(np.int64)  # the rate, rounded at random
        at = np.sort(rng.random((m, MAX_EXPANSIONS)), axis=1)
        share = np.exp(rng.normal(np.log(np.array(r["expansion_share"])[segment])[:, None], r["expansion_sigma"], (m, MAX_EXPANSIONS)))
        why = rng.choice(len(EXPANSION_REASONS), (m, MAX_EXPANSIONS), p=[0.6, 0.25, 0.15]) + len(CHURN_REASONS)
        for j in range(MAX_EXPANSIONS):
            day = ctx.calendar.business_day(lo + 3 * DAY + (at[:, j] * (hi - lo - 5 * DAY)).astype(np.int64), clock)
            happen = live & (count > j) & (day < hi) & (day < ctx.now)
            after = np.round(arr * (1 + share[:, j]), 2)
            rows = np.flatnonzero(happen)
            events.append((rows, day[rows], np.full(len(rows), EXPANSION), arr[rows], after[rows], why[rows, j]))
            arr = np.where(happen, after, arr)
        lost = live & (rng.random(m) < np.minimum(expand_rate * r["expansion_loss_share"] / (1 - r["expansion_loss_share"]), 0.9))
        day = ctx.calendar.business_day(lo + 3 * DAY + (rng.random(m) * (hi - lo - 5 * DAY)).astype(np.int64), clock)
        rows = np.flatnonzero(lost & (day < hi) & (day < ctx.now))
        attempts.append((rows, day[rows], np.round(arr[rows] * share[rows, 0], 2)))
        # The term ends at ``hi``: churn, contraction or a flat renewal.
        ends = live & (hi < ctx.now) & ((12 * k) % term == 0)
        churn = _churners(rng, ends, churn_p, segment)
        shrink = ends & ~churn & (rng.random(m) < contract_p)
        cut = np.clip(np.exp(rng.normal(np.log(r["contraction_share"]), 0.4, m)), 0.05, 0.6)
        after = np.where(churn, 0.0, np.where(shrink, np.round(arr * (1 - cut), 2), arr))
        why = np.where(churn, _churn_reasons(rng, segment, sale), np.array(CONTRACTION_REASONS)[rng.choice(3, m, p=[0.5, 0.3, 0.2])])
        kind = np.where(churn, CHURN, np.where(shrink, CONTRACTION, RENEWAL))
        rows = np.flatnonzero(ends)
        events.append((rows, hi[rows], kind[rows], arr[rows], after[rows], np.where(kind == RENEWAL, -1, why)[rows]))
        churned_at[churn], reason[churn] = hi[churn], why[churn]
        next_renewal = np.where(ends & ~churn, add_months(start, 12 * k + term), next_renewal)
        arr, alive = after, alive & ~churn
    sub, day, kind, before, after, why = (np.concatenate(parts) for parts in zip(*events))
    order = np.lexsort((kind, day, sub))
    sub, day, kind, before, after, why = sub[order], day[order], kind[order], before[order], after[order], why[order]
    lost_sub, lost_day, lost_amount = (np.concatenate(parts) for parts in zip(*attempts)) if attempts else (np.empty(0, np.int64),) * 3
    # The CSM now (or at the churn): the first one, or a colleague where they are gone.
    csm_now = staffing.keep_or_pick(ctx, pools, csm, segment, np.where(alive, ctx.now - 1, churned_at), rng)
    grown = kind == EXPANSION
    deal_of_event = np.full(len(sub), -1)
    deal_of_event[grown] = expansions.add_expansion_deals(
        ctx, rng, {"sub": np.r_[sub[grown], lost_sub], "day": np.r_[day[grown], lost_day],
                   "amount": np.r_[(after - before)[grown], lost_amount], "won": np.r_[np.ones(grown.sum(), bool), np.zeros(len(lost_sub), bool)]},
        {"deal": deal, "start": start, "csm": csm, "segment": segment, "champion": sale["champion"], "no_eb": sale["no_eb"]})[: grown.sum()]
    account = opps["account_id"].index[deal]
    ctx.tables["subscriptions"] = {
        "subscription_id": Ref(np.arange(m), "subscriptions"),
        "account_id": Ref(account, "accounts"),
        "opportunity_id": Ref(deal, "opportunities"),
        "csm_id": Ref(csm_now, "users"),
        "segment": Codes(segment, ctx.segments),
        "start_date": start,
        "term_months": term,
        "renewal_date": np.where(alive, next_renewal, churned_at),
        "arr_start": arr0,
        "arr": arr,
        "status": Codes((~alive).astype(np.int64), STATUSES),
        "churned_at": churned_at,
        "churn_reason": Codes(reason, REASONS),
    }
    ctx.tables["subscription_events"] = {
        "event_id": Ref(np.arange(len(sub)), "subscription_events"),
        "subscription_id": Ref(sub, "subscriptions"),
        "account_id": Ref(account[sub], "accounts"),
        "occurred_at": day,
        "type": Codes(kind, EVENT_TYPES),
        "arr_before": before,
        "arr_after": after,
        "arr_change": np.round(after - before, 2),
        "reason": Codes(why, REASONS),
        "opportunity_id": Ref(deal_of_event, "opportunities"),
    }


def _risks(r: dict, segment: np.ndarray, sale: dict) -> tuple:
    """Each customer's churn and contraction chance at a term end, and expansions a year:
    the segment's rate for an average customer, moved by what happened in the sale (half the
    churn effect on contraction)."""
    churn_effect = r["heavy_discount_churn_logit"] * sale["heavy"] + r["no_economic_buyer_churn_logit"] * sale["no_eb"]
    expand_effect = np.exp(r["champion_expansion_log"] * sale["champion"])
    churn, contract, expand = np.empty(len(segment)), np.empty(len(segment)), np.empty(len(segment))
    for seg, (target, shrink) in enumerate(zip(r["churn_rate"], r["contraction_rate"])):
        rows = segment == seg
        if rows.any():
            churn[rows] = sigmoid(logit(target) + churn_effect[rows] + _calibrate(churn_effect[rows], target))
            # A customer that bought cheap or without budget authority also shrinks more often at renewal.
            contract[rows] = sigmoid(logit(shrink) + churn_effect[rows] / 2 + _calibrate(churn_effect[rows] / 2, shrink))
            expand[rows] = r["expansion_rate"][seg] * expand_effect[rows] / expand_effect[rows].mean()
    return churn, contract, expand


def _churners(rng: np.random.Generator, ends: np.ndarray, risk: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """Who churns among the customers whose term ends: per segment, as many as their risks add
    up to (rounded at random), drawn without replacement in proportion to risk (Efraimidis-
    Spirakis keys). Each keeps its odds against the others, while a segment's churn no longer
    swings with a small book's coin flips."""
    churn = np.zeros(len(ends), dtype=bool)
    key = np.log(rng.random(len(ends))) / np.maximum(risk, 1e-9)
    for seg in np.unique(segment[ends]):
        rows = np.flatnonzero(ends & (segment == seg))
        count = int(risk[rows].sum() + rng.random())
        churn[rows[np.argsort(-key[rows], kind="stable")[:count]]] = True
    return churn


def _churn_reasons(rng: np.random.Generator, segment: np.ndarray, sale: dict) -> np.ndarray:
    """Why each customer would leave: a budget cut after a sale without an economic buyer or
    bought on discount, a competitor where one was in the deal, a champion who left only
    where there was one, poor onboarding more in SMB (pooled, light-touch onboarding)."""
    w = np.tile(np.array(REASON_WEIGHTS), (len(segment), 1))
    w[:, 2] *= np.where(sale["no_eb"], 2.2, 1.0) * np.where(sale["heavy"], 1.6, 1.0)
    w[:, 3] *= np.where(sale["competitor"], 1.8, 0.8) * np.where(sale["heavy"], 1.4, 1.0)
    w[:, 1] *= np.where(sale["champion"], 1.4, 0.3)
    w[:, 4] *= np.where(segment == 0, 1.5, 0.8)
    cum = np.cumsum(w, axis=1) / w.sum(axis=1, keepdims=True)
    return (rng.random(len(segment))[:, None] > cum).sum(axis=1)
