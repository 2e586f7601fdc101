"""From MQL to opportunity: first response, acceptance, qualification, hand-off.

Speed to lead is the effect to rediscover. An SDR's calls connect less the longer
the buyer has waited (sdr.py); only a lead they talked to can be accepted, and the
chance that it qualifies falls with the hours h from the MQL to that conversation,
P(SQL) = fit_factor * (w_fast*fade(h) + w_slow*exp(-h/s_slow) + floor): a cliff in
the first half hour (MIT), a fade over the day (HBR). A share of MQLs is never answered. Anything that would happen after
the reference date has not happened yet, so recent cohorts are still maturing.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world.columns import Codes, Ref
from crosstrain.world.context import DAY, HOUR, Context
from crosstrain.world.leads import SENIORITY
from crosstrain.world.ownership import own_leads
from crosstrain.world.people import LEAD_NOTICE, clock_of, pools_of
from crosstrain.world.sdr import attempts as sdr_attempts
from crosstrain.world.sdr import fade
from crosstrain.world.staffing import keep_or_pick

REJECTION_REASONS = ("bad_fit", "student", "competitor", "no_authority", "duplicate", "no_project",
                     "unresponsive", "no_budget", "no_need", "bad_timing")
STATUSES = ("open", "nurture", "unworked", "rejected", "working", "disqualified", "converted")
STAGES = ("lead", "mql", "sal", "sql", "opportunity", "customer")


def speed_to_lead(hours: np.ndarray, funnel: dict) -> np.ndarray:
    """P(SAL -> SQL) for an average-fit lead answered after ``hours``."""
    return (funnel["stl_fast_weight"] * fade(hours, funnel["stl_half_hours"], funnel["fade_steepness"])
            + funnel["stl_slow_weight"] * np.exp(-hours / funnel["stl_slow_scale_hours"])
            + funnel["stl_floor"])


def still_interested(hours: np.ndarray, funnel: dict) -> np.ndarray:
    """Share of buyers still open to a next step after waiting ``hours`` for a conversation."""
    floor = funnel["accept_wait_floor"]
    return floor + (1 - floor) * np.exp(-hours / funnel["accept_wait_hours"])


def build_funnel(ctx: Context) -> None:
    rng = ctx.rng["funnel"]
    st, f = ctx.state, ctx.recipe.funnel
    n = len(st["lead_created"])
    created, mql, fit, outbound = st["lead_created"], st["lead_mql"], st["lead_fit"], st["lead_outbound"]
    never = -1
    is_mql = mql >= 0
    # An MQL goes to its SDR, or, if they have left or are leaving, to a colleague employed
    # then; that SDR works it in their own working time (calendar.py): every step lands in it.
    routed = np.flatnonzero(mql >= 0)
    st["lead_owner"][routed] = keep_or_pick(ctx, pools_of(ctx, "sdr"), st["lead_owner"][routed], st["lead_segment"][routed],
                                            mql[routed], ctx.rng["owners"], LEAD_NOTICE)
    cal, sdr = ctx.calendar, clock_of(ctx, st["lead_owner"])
    # First response: MQLs wait a lognormal number of hours, longer when that falls in the
    # SDR's night or weekend; some are never answered.
    # An SDR at their desk answers in minutes; most MQLs wait for a busy one (calls, meetings, a
    # backlog) for hours: the two modes are what real teams show (HBR: most firms take hours).
    busy = rng.random(n) < f["busy_share"]
    median = np.where(busy, f["busy_median_hours"], f["response_median_hours"])
    hours = np.exp(rng.normal(np.log(median), np.where(busy, f["busy_sigma"], f["response_sigma"]), n))
    answered = is_mql & (rng.random(n) >= f["never_answered_share"])
    backlog = rng.integers(60, 2 * HOUR, n)  # when an MQL waits for the SDR's next working period
    first_response = np.where(answered, cal.open_at(mql + (hours * HOUR).astype(np.int64), backlog, sdr), never)
    # Outbound leads: the SDR reached out when creating them.
    out_response = cal.after(created, rng.integers(5 * 60, 4 * HOUR, n), sdr)
    first_response = np.where(outbound, out_response, first_response)
    first_response[first_response >= ctx.now] = never
    # Calls and e-mails until a conversation (sdr.py): no conversation, no acceptance.
    talked = sdr_attempts(ctx, first_response, mql, outbound, sdr, rng)
    # The buyer waits in real time, nights and weekends included: that is the delay that counts.
    waited = np.where(outbound | (talked < 0), 0.0, (talked - mql) / HOUR)
    fit_factor = 0.6 + 0.8 * fit / 100
    # Acceptance (SAL) after the conversation: sales would take the lead (fit), and the buyer
    # reached late may already have moved on (recycled to nurture, not rejected).
    p_accept = np.where(outbound, f["outbound_accept"], f["accept_base"] + f["accept_fit_slope"] * fit / 100)
    still_keen = np.where(outbound, 1.0, still_interested(waited, f))
    u = rng.random(n)
    accepted = (talked >= 0) & (u < p_accept * still_keen)
    moved_on = (talked >= 0) & ~accepted & (u < p_accept)
    st["lead_moved_on"] = moved_on
    sal = np.where(accepted, cal.after(talked, rng.integers(45 * 60, 2 * HOUR, n), sdr), never)
    # Qualification (SQL): speed to lead, scaled by fit, over the acceptance already lost to the
    # wait, so P(SQL) per MQL by wait is speed_to_lead whatever part acceptance takes.
    p_sql = np.clip(np.where(outbound, f["outbound_qualify"], speed_to_lead(waited, f) / still_keen) * fit_factor, 0, 0.97)
    qualified = (sal >= 0) & (rng.random(n) < p_sql)
    sql = np.where(qualified, cal.next_working(sal + (rng.gamma(2.0, 1.5, n) * DAY).astype(np.int64) + HOUR, sdr), never)
    # Hand-off to an AE: an opportunity.
    to_opp = np.array(f["sql_to_opp"])[st["lead_segment"]]
    converted = (sql >= 0) & (rng.random(n) < np.clip(to_opp * fit_factor, 0, 0.95))
    opp_at = np.where(converted, cal.next_working(sql + rng.integers(2 * HOUR, 3 * DAY, n), sdr), never)
    for stamp in (sal, sql, opp_at):
        stamp[stamp >= ctx.now] = never
    sal[talked < 0] = never
    sql[sal < 0] = never
    opp_at[sql < 0] = never

    status, reason = _status_and_reason(ctx, rng, created, mql, first_response, talked, sal, sql, opp_at, fit, waited)
    opp_leads = np.flatnonzero(opp_at >= 0)
    opp_leads = opp_leads[np.argsort(opp_at[opp_leads], kind="stable")]  # ids follow creation order
    opportunity = np.full(n, -1)
    opportunity[opp_leads] = np.arange(len(opp_leads))
    st.update(lead_first_response=first_response, lead_sal=sal, lead_sql=sql, lead_opp_at=opp_at,
              opp_lead=opp_leads, lead_status=status, lead_reason=reason, lead_opportunity=opportunity)
    own_leads(ctx)


def _status_and_reason(ctx, rng, created, mql, first_response, talked, sal, sql, opp_at, fit, hours):
    st = ctx.state
    n = len(created)
    status = np.where(ctx.now - created < 30 * DAY, 0, 1)  # open / nurture
    reason = np.full(n, -1)
    R = {name: i for i, name in enumerate(REJECTION_REASONS)}
    status[(mql >= 0)] = 2  # unworked until someone responds
    # Worked but never reached: still being tried for two weeks, then recycled to nurture.
    unreached = (first_response >= 0) & (talked < 0)
    status[unreached] = np.where(ctx.now - first_response < 14 * DAY, 4, 1)[unreached]
    reason[unreached & (status == 1)] = R["unresponsive"]
    rejected = (talked >= 0) & (sal < 0) & ~st["lead_outbound"] & ~st["lead_moved_on"]
    status[rejected] = 3
    moved_on = st["lead_moved_on"] & (sal < 0)  # the buyer had moved on
    status[moved_on] = 3  # sales rejects it as bad timing; a rejected MQL is recycled to nurture
    reason[moved_on] = R["bad_timing"]
    seniority = st["lead_seniority"]
    student = seniority == SENIORITY.index("student")
    ic = seniority == SENIORITY.index("individual_contributor")
    rest = rng.choice([R["competitor"], R["duplicate"], R["no_project"], R["bad_fit"]], size=n, p=[0.1, 0.25, 0.45, 0.2])
    reason[rejected] = np.where(student, R["student"], np.where(st["lead_free_mail"] | (fit < 30), R["bad_fit"],
                                np.where(ic & (rng.random(n) < 0.6), R["no_authority"], rest)))[rejected]
    out_no = st["lead_outbound"] & (talked >= 0) & (sal < 0)
    status[out_no] = 1  # prospect not interested: back to nurture
    # Accepted leads that did not qualify: still being worked for two weeks, then disqualified.
    worked = (sal >= 0) & (sql < 0)
    status[worked] = np.where(ctx.now - sal < 14 * DAY, 4, 5)[worked]
    late = np.where(hours > 24, 0.7, np.where(hours > 1, 0.35, 0.1))
    dq = rng.choice([R["no_budget"], R["no_need"], R["bad_timing"]], size=n, p=[0.4, 0.3, 0.3])
    dq_reason = np.where(rng.random(n) < late, R["unresponsive"], dq)
    reason[worked & (status == 5)] = dq_reason[worked & (status == 5)]
    stalled = (sql >= 0) & (opp_at < 0)
    status[stalled] = np.where(ctx.now - sql < 7 * DAY, 4, 5)[stalled]
    reason[stalled & (status == 5)] = rng.choice([R["no_budget"], R["bad_timing"], R["no_project"]], size=n)[stalled & (status == 5)]
    status[opp_at >= 0] = 6
    return status, reason


def finish_leads(ctx: Context) -> None:
    """Lifecycle columns on leads, and the lifecycle history table (needs deal outcomes)."""
    st = ctx.state
    won_at = st["lead_won_at"]
    stamps = [st["lead_created"], st["lead_mql"], st["lead_sal"], st["lead_sql"], st["lead_opp_at"], won_at]
    stage = np.zeros(len(won_at), dtype=np.int64)
    for i, stamp in enumerate(stamps[1:], start=1):
        stage[stamp >= 0] = i
    leads = ctx.tables["leads"]
    leads.update({
        "engagement_score": st["lead_engagement"],
        "first_response_at": st["lead_first_response"],
        "lifecycle_stage": Codes(stage, STAGES),
        "status": Codes(st["lead_status"], STATUSES),
        "mql_at": st["lead_mql"],
        "sal_at": st["lead_sal"],
        "sql_at": st["lead_sql"],
        "rejection_reason": Codes(st["lead_reason"], REJECTION_REASONS),
        "opportunity_id": Ref(st["lead_opportunity"], "opportunities"),
    })
    lead_ix, stage_ix, at = [], [], []
    for i, stamp in enumerate(stamps):
        rows = np.flatnonzero(stamp >= 0)
        lead_ix.append(rows)
        stage_ix.append(np.full(len(rows), i))
        at.append(stamp[rows])
    lead_ix, stage_ix, at = np.concatenate(lead_ix), np.concatenate(stage_ix), np.concatenate(at)
    order = np.lexsort((stage_ix, lead_ix))
    ctx.tables["lifecycle_history"] = {
        "lead_id": Ref(lead_ix[order], "leads"),
        "stage": Codes(stage_ix[order], STAGES),
        "entered_at": at[order],
    }
