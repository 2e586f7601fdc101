"""Calls, emails and meetings: SDRs working leads, AEs working deals."""

from __future__ import annotations

import numpy as np

from crosstrain.world.columns import Codes, Ref
from crosstrain.world.context import DAY, Context, weights
from crosstrain.world.members import attribute
from crosstrain.world.ownership import deal_owner_at
from crosstrain.world.people import clock_of, pools_of
from crosstrain.world.staffing import keep_or_pick

TYPES = ("call", "email", "meeting")
OUTCOMES = ("connected", "voicemail", "no_answer", "sent", "replied", "held", "no_show")
OUTCOME_BY_TYPE = {0: ((0, 1, 2), (0.45, 0.35, 0.2)), 1: ((3, 4), (0.8, 0.2)), 2: ((5, 6), (0.85, 0.15))}


def build_activities(ctx: Context) -> None:
    rng = ctx.rng["activities"]
    st = ctx.state
    # SDR work on leads: the attempts until a conversation (sdr.py), then follow-ups on
    # accepted leads until they qualify (or for two weeks). Everyone works in their own
    # working time (calendar.py); AEs from a deal's creation to its close.
    cal = ctx.calendar
    accepted = np.flatnonzero(st["lead_sal"] >= 0)
    k = rng.poisson(1.2, len(accepted))
    follow = np.repeat(accepted, k)
    sal = st["lead_sal"][follow]
    until = np.where(st["lead_sql"][follow] >= 0, st["lead_sql"][follow], sal + 14 * DAY)
    follow_t = cal.between(sal, np.minimum(until, ctx.now - 60), rng.random(len(follow)), clock_of(ctx, st["lead_owner"][follow]))
    follow_type = rng.choice(3, len(follow), p=weights([0.3, 0.5, 0.2]))
    lead = np.r_[st["sdr_lead"], follow]
    lead_t = np.r_[st["sdr_at"], follow_t]
    lead_type = np.r_[st["sdr_type"], follow_type]
    attempt_outcome = np.r_[st["sdr_outcome"], np.full(len(follow), -1)]
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
    # Attempts keep the outcome drawn with them; other work draws one by type.
    outcome = np.r_[attempt_outcome, np.full(len(opp), -1)]
    # The person on the other side: the lead's contact, or a member of the deal's buying group.
    contact = np.r_[lead, attribute(ctx, opp, opp_t, ctx.rng["contacts"])]
    order = np.argsort(at, kind="stable")  # ids in time order, as a CRM numbers them
    lead_ix, opp_ix, contact, owner, at, kind, outcome = (a[order] for a in (lead_ix, opp_ix, contact, owner, at, kind, outcome))
    m = len(at)
    drawn = np.empty(m, dtype=np.int64)
    for t, (choices, p) in OUTCOME_BY_TYPE.items():
        rows = kind == t
        drawn[rows] = np.array(choices)[rng.choice(len(choices), rows.sum(), p=weights(p))]
    outcome = np.where(outcome >= 0, outcome, drawn)
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
        "contact_id": Ref(contact, "contacts"),
        "owner_id": Ref(owner, "users"),
        "type": Codes(kind, TYPES),
        "occurred_at": at,
        "duration_min": duration,
        "outcome": Codes(outcome, OUTCOMES),
    }
