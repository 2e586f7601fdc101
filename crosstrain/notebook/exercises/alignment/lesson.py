"""What module 08's notebook imports: the plan's inputs and goal, and the monthly scorecard
the dashboard draws (the raw CRM is ``raw``'s). Nothing here imports the module's formulas,
so an assessment's learner install holds it, and nothing here returns a graded answer
(``tests/grading/test_no_shortcuts.py``): a plan states its numbers to three significant
figures (as the goal always was), so its rates are not module 03's cohort rates (q1 there
wants them exact), and the dashboard's monthly shares are shown to two decimals, so no
quarter's or year's share follows from them. ``formulas`` plans with these same numbers.
"""

from __future__ import annotations

import math

import pandas as pd

GOAL_GROWTH = 1.25  # next quarter's target: 25% above the average quarter of the last year
COHORT = ("2025-01-01", "2025-07-01")  # module 03's mature cohort: inbound leads created in [start, end)
SLA_HOURS = 4

__all__ = ["COHORT", "GOAL_GROWTH", "SLA_HOURS", "monthly_scorecard", "plan_inputs", "revenue_goal"]


def _figures(value: float, digits: int = 3) -> float:
    return float(f"{value:.{digits}g}")


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else math.nan  # nothing to divide by (a tiny world): no rate


def _inbound(leads: pd.DataFrame) -> pd.DataFrame:
    return leads[leads.source_channel != "outbound"]


def plan_inputs(world) -> dict[str, float]:
    """The numbers a plan divides by, to three significant figures: the stage rates of module
    03's mature cohort, the win rate (won / (won + lost)) and average won deal of its
    opportunities, and the blended cost per lead (paid-for channels' actual cost / their leads)."""
    leads = _inbound(world.leads)
    cohort = leads[(leads.created_at >= COHORT[0]) & (leads.created_at < COHORT[1])]
    reached = [len(cohort), *(int(cohort[c].notna().sum()) for c in ("mql_at", "sal_at", "sql_at", "opportunity_id"))]
    deals = world.opportunities[world.opportunities.opportunity_id.isin(cohort.opportunity_id.dropna())]
    closed = deals[deals.is_closed.fillna(False).astype(bool)]
    won = closed[closed.is_won.astype(bool)]
    cost = world.campaigns.groupby("channel").actual_cost.sum()
    paid_leads = world.leads.source_channel.isin(cost.index).sum()
    inputs = dict(zip(("lead_to_mql", "mql_to_sal", "sal_to_sql", "sql_to_opportunity"),
                      (_ratio(b, a) for a, b in zip(reached, reached[1:]))))
    inputs.update(win_rate=_ratio(len(won), len(closed)), average_deal=_ratio(won.amount.sum(), len(won)),
                  cost_per_lead=_ratio(cost.sum(), paid_leads))
    return {name: _figures(value) for name, value in inputs.items()}


def revenue_goal(world) -> float:
    """Next quarter's target for marketing-sourced (inbound) new business, to 3 significant figures:
    25% above the average inbound won revenue of the last four complete quarters."""
    today = pd.Timestamp(world.reference_date)
    last = today.to_period("Q") - 1 if today < today.to_period("Q").end_time else today.to_period("Q")
    deals = world.opportunities[world.opportunities.opportunity_id.isin(_inbound(world.leads).opportunity_id.dropna())]
    won = deals[deals.is_won.fillna(False).astype(bool)]
    average = won.amount[won.close_date.dt.to_period("Q").isin([last - k for k in range(4)])].sum() / 4
    return _figures(average * GOAL_GROWTH)


def monthly_scorecard(world) -> pd.DataFrame:
    """The SLA scorecard month by month, the dashboard's data: MQLs, the share touched within
    4 hours and the share of decided MQLs accepted (shares to two decimals, as a dashboard shows them)."""
    mqls = world.leads[world.leads.mql_at.notna()]
    month = mqls.mql_at.dt.to_period("M")
    touched = (mqls.first_response_at - mqls.mql_at).dt.total_seconds() <= SLA_HOURS * 3600
    accepted, rejected = mqls.sal_at.notna(), mqls.status == "rejected"
    table = pd.DataFrame({"mqls": month.value_counts().sort_index(), "sla_4h": touched.groupby(month).mean(),
                          "acceptance_rate": accepted.groupby(month).sum() / (accepted | rejected).groupby(month).sum()})
    return table.round({"sla_4h": 2, "acceptance_rate": 2})
