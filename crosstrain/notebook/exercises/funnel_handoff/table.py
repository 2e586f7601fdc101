"""The exercise table of module 03, the funnel and the handoff.

Each exercise's expected value, hint and known mistakes, computed on the world the
notebook loaded; what the lesson teaches is in ``formulas``.
"""

from __future__ import annotations

import math

import pandas as pd

from crosstrain.notebook.answers.rates import RankedLabels, RateTable
from crosstrain.notebook.answers.scalars import Label, Share
from crosstrain.notebook.exercise import Exercise, Mistake
from crosstrain.notebook.exercises.funnel_handoff.formulas import (
    BUCKETS,
    COHORT_END,
    COHORT_START,
    HANDOFF,
    MODULE,
    SLA_HOURS,
    STAGES,
    TRANSITIONS,
    cohort_conversion,
    cohort_month,
    cohort_months,
    in_cohort,
    inbound,
    leakiest,
    mqls,
    qualification_by_response,
    ranked_reasons,
    rejected,
    response_hours,
    sla_compliance,
    stage_conversion,
    stage_counts,
    won_share_by_cohort,
)

# -- known mistakes, as computations on the world -----------------------------------------

def _share_of_all_leads(world) -> dict[str, float]:
    counts = stage_counts(in_cohort(inbound(world.leads)), world.opportunities)
    return {f"{a}_to_{b}": counts[b] / counts["lead"] for a, b in zip(STAGES, STAGES[1:])}


def _with_outbound(world) -> dict[str, float]:
    return stage_conversion(stage_counts(in_cohort(world.leads), world.opportunities))


def _all_time(world) -> dict[str, float]:
    return stage_conversion(stage_counts(inbound(world.leads), world.opportunities))


def _activity_in_period(world) -> dict[str, float]:
    """Counting what happened in the window (MQLs dated in it, deals won in it...), not the cohort."""
    leads, deals = inbound(world.leads), world.opportunities

    def dated(stamps):
        return int(((stamps >= COHORT_START) & (stamps < COHORT_END)).sum())

    inbound_deals = deals[deals.lead_id.isin(leads.lead_id)]
    counts = {"lead": dated(leads.created_at), "mql": dated(leads.mql_at), "sal": dated(leads.sal_at),
              "sql": dated(leads.sql_at), "opportunity": dated(inbound_deals.created_at),
              "won": dated(inbound_deals.close_date.where(inbound_deals.is_won.fillna(False).astype(bool)))}
    return stage_conversion(counts)


def _won_by_close_month(world) -> dict[str, float]:
    """Deals won in a month / opportunities created in that month: two different groups of deals."""
    leads, deals = inbound(world.leads), world.opportunities
    deals = deals[deals.lead_id.isin(leads.lead_id)]
    won = deals[deals.is_won.fillna(False).astype(bool)]
    wins, opened = cohort_month(won.close_date).value_counts(), cohort_month(deals.created_at).value_counts()
    months = sorted(cohort_month(leads.created_at).unique())
    return {m: (float(wins.get(m, 0) / opened[m]) if opened.get(m, 0) else math.nan) for m in months}


EXERCISES = [
    Exercise(
        MODULE, "q1", "cohort_rates",
        "For the inbound leads created in the first half of 2025, what is each stage-to-stage conversion rate from lead to won?",
        RateTable(keys=TRANSITIONS, of="step"),
        compute=cohort_conversion,
        hint_text=("Keep the inbound leads (source_channel != 'outbound') created from 2025-01-01 up to 2025-07-01. "
                   "Count how many reached each stage (mql_at, sal_at, sql_at not empty; an opportunity_id; a won opportunity), "
                   "then divide each count by the count of the stage before it, not by all leads."),
        solution_text=("cohort = world.leads[(world.leads.source_channel != 'outbound')\n"
                       "                    & (world.leads.created_at >= '2025-01-01') & (world.leads.created_at < '2025-07-01')]\n"
                       "won_ids = world.opportunities.loc[world.opportunities.is_won, 'opportunity_id']\n"
                       "n = {'lead': len(cohort), 'mql': cohort.mql_at.notna().sum(), 'sal': cohort.sal_at.notna().sum(),\n"
                       "     'sql': cohort.sql_at.notna().sum(), 'opportunity': cohort.opportunity_id.notna().sum(),\n"
                       "     'won': cohort.opportunity_id.isin(won_ids).sum()}\n"
                       "stages = list(n)\n"
                       "cohort_rates = {f'{a}_to_{b}': n[b] / n[a] for a, b in zip(stages, stages[1:])}"),
        points=5,
        mistakes=(
            Mistake("share_of_all_leads", _share_of_all_leads,
                    "you divided every stage by all the cohort's leads (e.g. SQLs / leads). Stage conversion divides by the leads that entered the stage before: SQLs / SALs, SALs / MQLs..."),
            Mistake("with_outbound", _with_outbound,
                    "your cohort includes outbound leads. They skip the MQL stage, so they inflate MQL-to-SAL: keep source_channel != 'outbound'."),
            Mistake("all_time", _all_time,
                    "you used every inbound lead, not the cohort created in the first half of 2025. Recent leads have not had time to convert, which drags the later rates down."),
            Mistake("not_by_cohort", _activity_in_period,
                    "you counted what happened in the window (MQLs dated in it, deals won in it). A cohort follows the leads *created* in the window to whatever stage they reached, whenever.", core=True),
        ),
    ),
    Exercise(
        MODULE, "q2", "won_share_by_month",
        "For each monthly cohort of inbound leads, what share of the cohort's opportunities has been won so far?",
        RateTable(of="month", keys_of=cohort_months),
        compute=lambda w: won_share_by_cohort(inbound(w.leads), w.opportunities),
        hint_text=("Give each inbound lead the month it was created: created_at.dt.strftime('%Y-%m'). Flag the leads whose "
                   "opportunity was won (opportunity_id.isin(won_ids)) and the leads that have an opportunity at all "
                   "(opportunity_id.notna()); per month, divide the sum of the first by the sum of the second."),
        solution_text=("inbound = world.leads[world.leads.source_channel != 'outbound']\n"
                       "won_ids = world.opportunities.opportunity_id[world.opportunities.is_won]\n"
                       "month = inbound.created_at.dt.strftime('%Y-%m')\n"
                       "wins = inbound.opportunity_id.isin(won_ids).groupby(month).sum()\n"
                       "opportunities = inbound.opportunity_id.notna().groupby(month).sum()\n"
                       "won_share_by_month = wins / opportunities"),
        points=3,
        mistakes=(
            Mistake("share_of_leads", lambda w: won_share_by_cohort(inbound(w.leads), w.opportunities, denominator="leads"),
                    "you divided by all the month's leads, which gives lead-to-won. The question asks for the share of the cohort's opportunities: divide by the leads that have an opportunity_id."),
            Mistake("by_close_month", _won_by_close_month,
                    "you counted the deals won in each month against the deals opened in that month: two different groups of deals. A cohort follows the same leads: group by the month the lead was created.", core=True),
        ),
    ),
    Exercise(
        MODULE, "q3", "leakiest_step",
        "In that cohort, which sales-side handoff step (mql_to_sal, sal_to_sql or sql_to_opportunity) has the lowest conversion?",
        Label(of="handoff step (mql_to_sal, sal_to_sql or sql_to_opportunity)", choices=lambda w: list(HANDOFF)),
        compute=lambda w: leakiest(cohort_conversion(w)),
        hint_text="Compare the three rates of your cohort_rates for the steps mql_to_sal, sal_to_sql and sql_to_opportunity; the leakiest is the one with the smallest rate (min with key=...).",
        solution_text="steps = ['mql_to_sal', 'sal_to_sql', 'sql_to_opportunity']\nleakiest_step = min(steps, key=lambda s: cohort_rates[s])",
        points=2,
        mistakes=(
            Mistake("share_of_all_leads", lambda w: leakiest(_share_of_all_leads(w)),
                    "shares of *all* leads only ever shrink down the funnel, so the last step always looks worst. Compare stage-to-stage rates (next stage / this stage).", core=True),
            Mistake("all_steps", lambda w: leakiest(cohort_conversion(w), steps=list(cohort_conversion(w))),
                    "you compared every step of the funnel, marketing's lead to MQL and the close included. The question asks "
                    "about the three sales-side handoff steps only, from the MQL to the opportunity."),
        ),
    ),
    Exercise(
        MODULE, "q4", "sql_rate_by_response",
        "What share of MQLs became SQLs, by how fast sales first responded (<5 min, 5-30 min, 30-60 min, 1-24 h, >24 h, never)?",
        RateTable(keys=BUCKETS, of="bucket"),
        compute=lambda w: qualification_by_response(w.leads),
        hint_text=("Keep the MQLs (mql_at not empty). Hours to first response = (first_response_at - mql_at).dt.total_seconds() / 3600. "
                   "Cut them with pd.cut(hours, bins, labels=labels, right=False), label the empty ones 'never' "
                   "(.astype(str).where(hours.notna(), 'never')), then average sql_at.notna() by bucket."),
        solution_text=("bins = [0, 5 / 60, 0.5, 1, 24, float('inf')]\n"
                       "labels = ['<5 min', '5-30 min', '30-60 min', '1-24 h', '>24 h']\n"
                       "mql = world.leads[world.leads.mql_at.notna()]\n"
                       "hours = (mql.first_response_at - mql.mql_at).dt.total_seconds() / 3600\n"
                       "bucket = pd.cut(hours, bins, labels=labels, right=False).astype(str).where(hours.notna(), 'never')\n"
                       "sql_rate_by_response = mql.sql_at.notna().groupby(bucket).mean()"),
        points=6,
        mistakes=(
            Mistake("from_created", lambda w: qualification_by_response(w.leads, since="created_at"),
                    "you timed the response from created_at. Sales can only respond once the lead is handed over: time it from mql_at."),
            Mistake("among_accepted", lambda w: qualification_by_response(w.leads, among="sal_at"),
                    "you divided by the accepted leads (SALs). The question asks for the share of all MQLs, rejected ones included: a slow answer also loses leads at acceptance."),
            Mistake("drop_never", lambda w: {**qualification_by_response(w.leads), "never": math.nan},
                    "your table has no 'never' bucket: pd.cut gives the never-answered MQLs no bucket, so groupby drops them. "
                    "They are the point of the question: label them 'never' (.astype(str).where(hours.notna(), 'never')).", core=True),
            Mistake("right_closed", lambda w: qualification_by_response(w.leads, right=True),
                    "your buckets close on the right (pandas' default): a response at exactly 5 minutes lands in '<5 min', "
                    "and an instant one in no bucket at all. Each bucket includes its lower edge and stops short of the upper one: pd.cut(..., right=False)."),
        ),
    ),
    Exercise(
        MODULE, "q5", "sla_share",
        f"What share of MQLs got a first response within {SLA_HOURS} hours of becoming an MQL (never answered counts as a miss)?",
        Share(of="the number of MQLs"),
        compute=lambda w: sla_compliance(w.leads),
        hint_text=("Keep the MQLs (mql_at not empty) and compare first_response_at - mql_at with pd.Timedelta(hours=4). "
                   "An MQL never answered has an empty first_response_at: the comparison gives False, a miss, which is what the SLA wants; do not drop those rows."),
        solution_text=("mql = world.leads[world.leads.mql_at.notna()]\n"
                       "sla_share = ((mql.first_response_at - mql.mql_at) <= pd.Timedelta(hours=4)).mean()"),
        points=2,
        mistakes=(
            Mistake("touched_only", lambda w: float((response_hours(mqls(w.leads)).dropna() <= SLA_HOURS).mean()),
                    "you left out the MQLs nobody ever answered. They are the worst breach of the SLA: keep them in the denominator as misses.", core=True),
            Mistake("from_created", lambda w: sla_compliance(w.leads, since="created_at"),
                    "you measured from created_at. The SLA clock starts when the lead becomes an MQL and is handed over: use mql_at."),
            Mistake("all_leads", lambda w: float(((w.leads.first_response_at - w.leads.mql_at) <= pd.Timedelta(hours=SLA_HOURS)).mean()),
                    "you divided by all leads. The SLA covers MQLs only: keep the leads with an mql_at."),
        ),
    ),
    Exercise(
        MODULE, "q6", "top_reasons",
        "What are the three most common reasons sales gave for rejecting MQLs, most common first?",
        RankedLabels(n=3, of="reason"),
        compute=lambda w: ranked_reasons(rejected(w.leads)),
        hint_text="Rejected MQLs have status == 'rejected'. Count their rejection_reason with value_counts() (largest first) and take the first three labels: .index[:3].tolist().",
        solution_text="rejected = world.leads[world.leads.status == 'rejected']\ntop_reasons = rejected.rejection_reason.value_counts().index[:3].tolist()",
        points=3,
        mistakes=(
            Mistake("with_disqualified", lambda w: ranked_reasons(w.leads),
                    "you counted every lead with a reason, including leads sales never reached or accepted and later disqualified (no budget, unresponsive...). Rejection happens at acceptance: keep status == 'rejected'.", core=True),
            Mistake("least_common", lambda w: [list(rn) for rn in sorted(ranked_reasons(rejected(w.leads)), key=lambda rn: (rn[1], rn[0]))],
                    "those are the least common reasons: sort from largest to smallest (value_counts() already does)."),
        ),
    ),
]
