"""Opportunities, their stage, close-date and owner history.

Win chance is a logistic model whose intercept is calibrated per segment to
the recipe's win rates; on top of it MEDDPICC completeness helps, a missing
economic buyer hurts badly, repeated close-date slips hurt, replies that
explore before responding help, and a discount-first reply helps a little
while cutting the deal's value. Deal sizes and cycle lengths are lognormal
with medians by segment, and won deals bunch up in a quarter's last month.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world import stages
from crosstrain.world.calendar import WORK_DAY, WORK_START
from crosstrain.world.calls import COMPETITORS, build_call_notes, finish_call_notes
from crosstrain.world.columns import Codes, Ref
from crosstrain.world.context import DAY, Context, logit, quarter_bounds, sigmoid, weights
from crosstrain.world.ownership import deal_owner_at, own_deals
from crosstrain.world.people import clock_of
from crosstrain.world.quotas import build_quotas
from crosstrain.world.schema import DEAL_STAGES, MEDDPICC_FLAGS, OPEN_DEAL_STAGES

STAGES = tuple(DEAL_STAGES)
WON, LOST = STAGES.index("closed_won"), STAGES.index("closed_lost")
FLAG_BASE = {"has_metrics": 0.2, "has_economic_buyer": 0.1, "has_decision_criteria": 0.5, "has_decision_process": 0.0,
             "has_paper_process": -0.8, "has_identified_pain": 0.9, "has_champion": 0.0, "has_competition_known": 0.3}
LOSS_REASONS = ("price", "competitor", "no_decision", "timing", "no_budget", "product_fit")
# Loss reason most likely after a deal's first objection, by objection category.
CATEGORY_LOSS = {"price": 0, "budget": 4, "timing": 3, "authority": 2, "need": 5, "competitor": 1, "trust": 2}
PLANS = ("Starter", "Growth", "Enterprise")
FORECAST = ("pipeline", "best_case", "commit", "closed", "omitted")


def forecast_category(stage: np.ndarray) -> np.ndarray:
    prob = np.array(list(DEAL_STAGES.values()))[stage]
    cat = np.where(prob >= 90, 2, np.where(prob >= 50, 1, 0))
    return np.where(stage == WON, 3, np.where(stage == LOST, 4, cat))


def build_deals(ctx: Context) -> None:
    rng = ctx.rng["deals"]
    st, d = ctx.state, ctx.recipe.deals
    lead = st["opp_lead"]
    n = len(lead)
    created = st["lead_opp_at"][lead]
    segment = st["lead_segment"][lead]
    account = st["lead_account"][lead]
    quality = rng.normal(0, 1, n) + (st["lead_fit"][lead] - 50) / 40
    flags = {f: rng.random(n) < sigmoid(FLAG_BASE[f] + quality) for f in MEDDPICC_FLAGS}
    median = np.array(d["amount_median"])[segment] * np.array(d["industry_amount_factor"])[st["account_industry"][account]]
    base_amount = np.round(np.exp(rng.normal(np.log(median), d["amount_sigma"])), -2)
    cycle = np.maximum(7, np.exp(rng.normal(np.log(np.array(d["cycle_median_days"])[segment]), d["cycle_sigma"]))) * DAY
    slips = rng.choice(len(d["slip_shares"]), size=n, p=weights(d["slip_shares"]))
    competitor = np.where(flags["has_competition_known"], np.array(COMPETITORS, dtype=object)[rng.integers(0, len(COMPETITORS), n)], None)
    # Industry names as prose ("real_estate" -> "real estate"), replaced once per name, not per deal.
    industry = np.array([name.replace("_", " ") for name in ctx.recipe.mix["industries"]])[st["account_industry"][account]]
    initial_close = created + cycle.astype(np.int64)
    calls = build_call_notes(ctx, created, np.minimum(initial_close, ctx.now), flags, base_amount,
                             competitor, industry)
    # Win model.
    completeness = sum(flags[f].astype(int) for f in MEDDPICC_FLAGS)
    effect = (d["meddpicc_logit"] * (completeness - completeness.mean())
              + d["no_economic_buyer_logit"] * (~flags["has_economic_buyer"])
              + d["slip_logit"] * np.maximum(slips - 1, 0)
              + d["discount_first_win_logit"] * calls["discount_first"]
              + d["laer_logit"] * 2 * (calls["strong_share"] - ctx.recipe.calls["laer_share"])
              + np.array(d["industry_win_logit"])[st["account_industry"][account]])
    p_win = np.empty(n)
    for seg, target in enumerate(d["win_rate"]):
        rows = segment == seg
        if rows.any():
            p_win[rows] = sigmoid(logit(target) + effect[rows] + _calibrate(effect[rows], target))
    won = rng.random(n) < p_win
    # Discounts: discount-first deals give away more; the amount is what was (or will be) signed.
    discount = np.where(calls["discount_first"], rng.uniform(100 * (1 - d["discount_first_amount_factor"]) * 0.6, 100 * (1 - d["discount_first_amount_factor"]) * 1.4, n),
                        np.where(rng.random(n) < d["discount_share"], rng.uniform(3, 15, n), 0.0))
    discount = np.round(discount, 1)
    amount = np.round(base_amount * (1 - discount / 100), 2)
    # Close dates: slips push the expected date; wins bunch into the quarter's last month.
    push = rng.integers(14, 46, (n, len(d["slip_shares"]))) * DAY
    push_total = np.where(np.arange(push.shape[1]) < slips[:, None], push, 0).sum(axis=1)
    close = initial_close + push_total
    _, last_month, quarter_end = quarter_bounds(close)
    pull = won & (close < last_month) & (rng.random(n) < d["quarter_end_pull"])
    # Four days short of the quarter's end, so moving to a business day (below) stays inside it.
    pulled = last_month + (rng.random(n) * (quarter_end - last_month - 4 * DAY)).astype(np.int64)
    shift = np.where(pull, pulled - close, 0)
    close, initial_close = close + shift, initial_close + shift
    # Stages: a lost deal leaves from its exit stage, part-way through its cycle (stages.py).
    reached = stages.stages_reached(rng, won, d["loss_exit_weights"])
    close, life = stages.loss_close(rng, created, close, won, reached)
    # A close date is a date: the owner's next business day (calendar.py). The deal closes
    # in that day's working hours; one not closed by now is expected on a later business day.
    owner = own_deals(ctx, segment, created, close)
    _notes_in_owners_time(ctx, created, np.minimum(np.where(won, initial_close, close), ctx.now), life)
    cal, ae = ctx.calendar, clock_of(ctx, owner)
    close_day = cal.business_day(cal.weekday_for_weekend(close, rng.random(n), ae), ae)
    close_at = close_day - ae.offset + WORK_START + (rng.random(n) * WORK_DAY).astype(np.int64)
    closed = close_at <= ctx.now
    tomorrow = cal.business_day(np.full(n, ctx.now + DAY) - ae.offset, ae)
    close_day = np.where(closed, close_day, np.maximum(close_day, tomorrow))
    entry = stages.entries(rng, created, close_at, reached)
    stage = np.where(closed, np.where(won, WON, LOST), stages.stage_now(n, entry, ctx.now))
    flags = stages.found_so_far(rng, flags, stage, ~closed)
    won &= closed
    loss = np.where(closed & ~won, rng.choice(len(LOSS_REASONS), n), -1)
    categories = ctx.recipe.calls["categories"]
    follows = closed & ~won & (calls["main_category"] >= 0) & (rng.random(n) < 0.5)
    loss[follows] = [CATEGORY_LOSS[categories[c]] for c in calls["main_category"][follows]]
    competitor = np.where((loss == LOSS_REASONS.index("competitor")) & (competitor == None),  # noqa: E711
                          np.array(COMPETITORS, dtype=object)[rng.integers(0, len(COMPETITORS), n)], competitor)
    prob = np.array(list(DEAL_STAGES.values()))[stage]
    st.update(opp_created=created, opp_close=close_at, opp_won=won, opp_closed=closed, opp_amount=amount, opp_owner=owner)
    won_at = np.full(len(st["lead_created"]), -1, dtype=np.int64)
    won_at[lead[won]] = close_at[won]
    st["lead_won_at"] = won_at
    names = np.array([f"{a} - {PLANS[s]} plan" for a, s in zip(st["account_name"][account], segment)], dtype=object)
    ctx.tables["opportunities"] = {
        "opportunity_id": Ref(np.arange(n), "opportunities"),
        "account_id": Ref(account, "accounts"),
        "lead_id": Ref(lead, "leads"),
        "owner_id": Ref(owner, "users"),
        "campaign_id": Ref(st["lead_campaign"][lead], "campaigns"),
        "name": names,
        "segment": Codes(segment, ctx.segments),
        "created_at": created,
        "close_date": close_day,
        "stage": Codes(stage, STAGES),
        "probability": prob,
        "amount": amount,
        "discount_pct": discount,
        "is_closed": closed,
        "is_won": won,
        "forecast_category": Codes(forecast_category(stage), FORECAST),
        "loss_reason": Codes(loss, LOSS_REASONS),
        "competitor": competitor,
        **flags,
    }
    _history(ctx, rng, created, initial_close, (close_at, close_day), (push, slips, stages.pull_ins(rng, d, n)), entry, stage, closed,
             base_amount, amount)
    build_quotas(ctx)


def _notes_in_owners_time(ctx: Context, created: np.ndarray, end: np.ndarray, life: np.ndarray) -> None:
    """Call notes were drawn before hand-overs and losses were known: squeeze a lost deal's notes
    into the part of its cycle it lived (``life``), and move each into the working time of
    whoever owned the deal then (unless that passes ``end``, the deal's last day of calls)."""
    notes = ctx.tables["call_notes"]
    deal = notes["opportunity_id"].index
    at = created[deal] + ((notes["occurred_at"] - created[deal]) * life[deal]).astype(np.int64)
    until = np.minimum(created + np.maximum(end - created, DAY), ctx.now - 60)[deal]
    # the same share of the owner's working time between creation and the last day of calls:
    # never after the close, never outside working hours (moving forward could pass the close)
    share = np.clip((at - created[deal]) / np.maximum(until - created[deal], 1), 0, 0.999)
    notes["occurred_at"] = ctx.calendar.between(created[deal], until, share, clock_of(ctx, deal_owner_at(ctx, deal, at)))
    finish_call_notes(ctx)


def _calibrate(effect: np.ndarray, target: float) -> float:
    """Shift so the mean win chance equals the segment's target (bisection on the logit)."""
    lo, hi = -5.0, 5.0
    base = logit(target) + effect  # the same sums as adding them each time, made once
    for _ in range(40):
        mid = (lo + hi) / 2
        if sigmoid(base + mid).mean() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _history(ctx, rng, created, initial_close, closing, changes, entry, stage, closed, base_amount, amount) -> None:
    """One row per stage entered, per close-date slip or pull-in and per hand-over, consistent
    with the deal's current row; ``closing`` is each deal's close time and close date,
    ``changes`` its slips and pull-in, ``entry`` its stage entries (stages.py). Changes are made
    in the owner's working time, close dates are their business days."""
    close, close_day = closing
    push, slips, (pulled, pull) = changes
    n = len(created)
    end = np.where(closed, close, ctx.now)
    # Stage rows: the stages entered by now (or by the close), then the closing row.
    e_deal, e_stage, e_t = entry
    keep = e_t <= end[e_deal]
    c_deal = np.flatnonzero(closed)
    deal = np.r_[e_deal[keep], c_deal]
    j = np.r_[e_stage[keep], np.full(len(c_deal), -1)]
    is_close_row = j < 0
    t = np.where(is_close_row, close[deal], np.minimum(np.r_[e_t[keep], close[c_deal]], end[deal] - 60))
    t = np.where(j == 0, created[deal], np.maximum(t, created[deal] + 60))
    t = np.where(is_close_row | (j == 0), t, ctx.calendar.within(t, end[deal] - 60, clock_of(ctx, deal_owner_at(ctx, deal, t))))
    row_stage = np.where(is_close_row, stage[deal], j)
    # Slip rows and pull-in rows: dated between creation and the original close date (or now).
    limit = np.minimum(initial_close, end - 120)
    s_deal = np.r_[np.repeat(np.arange(n), slips), np.flatnonzero(pulled)]
    s_t = created[s_deal] + 120 + (rng.random(len(s_deal)) * np.maximum(limit[s_deal] - created[s_deal] - 120, 1)).astype(np.int64)
    s_t = ctx.calendar.within(s_t, limit[s_deal], clock_of(ctx, deal_owner_at(ctx, s_deal, s_t)))
    pull_at = np.full(n, -1, dtype=np.int64)
    pull_at[s_deal[len(s_deal) - pulled.sum():]] = s_t[len(s_deal) - pulled.sum():]
    is_pull_row = np.r_[np.zeros(len(s_deal) - pulled.sum(), bool), np.ones(pulled.sum(), bool)]
    # Owner rows: a hand-over when the owner left (ownership.py).
    h_at = ctx.state["opp_handover_at"]
    h_k, h_deal = np.nonzero(h_at >= 0)
    all_deal = np.r_[deal, s_deal, h_deal]
    all_t = np.r_[t, s_t, h_at[h_k, h_deal]]
    kind = np.r_[np.zeros(len(deal), int), np.where(is_pull_row, 3, 1), np.full(len(h_deal), 2)]
    all_stage = np.r_[row_stage, np.full(len(s_deal) + len(h_deal), -1)]
    order = np.lexsort((kind, all_t, all_deal))
    all_deal, all_t, kind, all_stage = all_deal[order], all_t[order], kind[order], all_stage[order]
    # Forward-fill the stage onto slip rows; count slips so far for each row.
    idx = np.where(all_stage >= 0, np.arange(len(all_stage)), 0)
    idx = np.maximum.accumulate(idx)
    all_stage = all_stage[idx]
    is_slip = kind == 1
    slip_no = np.cumsum(is_slip)
    first_row = np.r_[0, np.flatnonzero(all_deal[1:] != all_deal[:-1]) + 1]
    slip_before = np.repeat(slip_no[first_row] - is_slip[first_row], np.diff(np.r_[first_row, len(all_deal)]))
    slips_so_far = slip_no - slip_before
    cum_push = np.concatenate([np.zeros((n, 1), dtype=np.int64), np.cumsum(push, axis=1)], axis=1)
    row_close = initial_close[all_deal] + cum_push[all_deal, np.minimum(slips_so_far, push.shape[1])]
    # Before its pull-in, a pulled deal was expected later.
    row_close += np.where(all_t < pull_at[all_deal], pull[all_deal], 0)
    is_final = np.r_[all_deal[1:] != all_deal[:-1], True]
    owner_now = deal_owner_at(ctx, all_deal, all_t)
    row_close = np.where(is_final, close_day[all_deal], ctx.calendar.business_day(row_close, clock_of(ctx, owner_now)))
    late_stage = OPEN_DEAL_STAGES.index("proposal_price_quote")
    row_amount = np.where((all_stage >= late_stage), amount[all_deal], base_amount[all_deal])
    prob = np.array(list(DEAL_STAGES.values()))[all_stage]
    ctx.tables["opportunity_history"] = {
        "opportunity_id": Ref(all_deal, "opportunities"),
        "changed_at": all_t,
        "stage": Codes(all_stage, STAGES),
        "amount": row_amount,
        "probability": prob,
        "close_date": row_close,
        "owner_id": Ref(owner_now, "users"),
    }
