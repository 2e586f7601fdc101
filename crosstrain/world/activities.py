"""Calls, emails and meetings: SDRs working leads, AEs working deals."""

from __future__ import annotations

import numpy as np

from crosstrain.world.columns import Codes, Ref
from crosstrain.world.context import DAY, Context, weights
from crosstrain.world.ownership import deal_owner_at
from crosstrain.world.people import clock_of, pools_of
from crosstrain.world.staffing import keep_or_pick

TYPES = ("call", "email", "meeting")
OUTCOMES = ("connected", "voicemail", "no_answer", "sent", "replied", "held", "no_show")
OUTCOME_BY_TYPE = {0: ((0, 1, 2), (0.45, 0.35, 0.2)), 1: ((3, 4), (0.8, 0.2)), 2: ((5, 6), (0.85, 0.15))}


def build_activities(ctx: Context) -> None:
    rng = ctx.rng["activities"]
    st = ctx.state
    # SDR work on leads, from the first response on.
    worked = np.flatnonzero(st["lead_first_response"] >= 0)
    k = 1 + rng.poisson(np.where(st["lead_sal"][worked] >= 0, 1.8, 0.8))
    lead = np.repeat(worked, k)
    j = np.arange(len(lead)) - np.repeat(np.cumsum(k) - k, k)
    start = st["lead_first_response"][lead]
    # Everyone works in their own working time (calendar.py): SDRs over two weeks from the
    # first response, AEs from a deal's creation to its close.
    cal = ctx.calendar
    lead_t = np.where(j == 0, start, cal.between(start, np.minimum(start + 14 * DAY, ctx.now - 60), rng.random(len(lead)),
                                                 clock_of(ctx, st["lead_owner"][lead])))
    lead_type = np.where(j == 0, rng.choice(2, len(lead), p=[0.6, 0.4]), rng.choice(3, len(lead), p=weights([0.5, 0.45, 0.05])))
    # AE work on deals, between creation and close (or now).
    n_opp = len(st["opp_created"])
    k = 2 + rng.poisson(4.0, n_opp)
    opp = np.repeat(np.arange(n_opp), k)
    end = np.minimum(st["opp_close"], ctx.now - 60)[opp]
    begin = st["opp_created"][opp]
    opp_t = cal.between(begin, end, rng.random(len(opp)), clock_of(ctx, st["opp_owner"][opp]))
    opp_type = rng.choice(3, len(opp), p=weights([0.35, 0.3, 0.35]))
    lead_ix = np.r_[lead, np.full(len(opp), -1)]
    opp_ix = np.r_[np.full(len(lead), -1), opp]
    # Each piece of work is done by someone employed then: the lead's SDR, or a colleague
    # once they have left; the deal's owner at that time.
    lead_owner = keep_or_pick(ctx, pools_of(ctx, "sdr"), st["lead_owner"][lead], st["lead_segment"][lead], lead_t, ctx.rng["owners"])
    owner = np.r_[lead_owner, deal_owner_at(ctx, opp, opp_t)]
    at = np.r_[lead_t, opp_t]
    kind = np.r_[lead_type, opp_type]
    order = np.argsort(at, kind="stable")  # ids in time order, as a CRM numbers them
    lead_ix, opp_ix, owner, at, kind = lead_ix[order], opp_ix[order], owner[order], at[order], kind[order]
    m = len(at)
    outcome = np.empty(m, dtype=np.int64)
    for t, (choices, p) in OUTCOME_BY_TYPE.items():
        rows = kind == t
        outcome[rows] = np.array(choices)[rng.choice(len(choices), rows.sum(), p=weights(p))]
    duration = np.select(
        [outcome == 0, outcome == 1, kind == 2],
        [rng.integers(5, 41, m), np.ones(m, dtype=np.int64), rng.choice([30, 45, 60], m)],
        default=0,
    )
    duration = np.where(outcome == 6, 0, duration)
    ctx.tables["activities"] = {
        "activity_id": Ref(np.arange(m), "activities"),
        "lead_id": Ref(lead_ix, "leads"),
        "opportunity_id": Ref(opp_ix, "opportunities"),
        "owner_id": Ref(owner, "users"),
        "type": Codes(kind, TYPES),
        "occurred_at": at,
        "duration_min": duration,
        "outcome": Codes(outcome, OUTCOMES),
    }
