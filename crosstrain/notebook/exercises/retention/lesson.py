"""What module 09's notebook imports: the tables the lesson shows (churn reasons, who
sources expansion, the shared wins report). Nothing here returns a graded answer (``tests/grading/test_no_shortcuts.py``),
and nothing here imports the module's formulas, so an assessment's learner install holds it."""

from __future__ import annotations

import pandas as pd

__all__ = ["churn_reasons", "expansion_sources", "wins_report"]


def churn_reasons(world) -> pd.DataFrame:
    """Churned subscriptions per reason, with the ARR they took (their ARR just before leaving)."""
    churn = world.subscription_events[world.subscription_events.type == "churn"]
    table = churn.groupby("reason").agg(customers=("subscription_id", "nunique"), lost_arr=("arr_before", "sum"))
    return table.assign(share_of_lost_arr=table.lost_arr / table.lost_arr.sum()).sort_values("lost_arr", ascending=False)


def expansion_sources(world) -> pd.DataFrame:
    """Expansion deals by the role of the person who owns them, open and won."""
    deals = world.opportunities[world.opportunities.type == "expansion"]
    role = deals.owner_id.map(world.users.set_index("user_id").role).fillna("unassigned")
    status = deals.is_won.map({True: "won", False: "lost"}).where(deals.is_closed.astype(bool), "open")
    return deals.assign(role=role, status=status).pivot_table(index="role", columns="status", values="amount",
                                                              aggfunc="sum", fill_value=0.0)


def wins_report(world) -> pd.DataFrame:
    """Last complete quarter's wins for both teams: new business and expansion per segment,
    with how much of the new business marketing sourced (inbound leads)."""
    quarter = world.reference_date.to_period("Q") - 1
    deals = world.opportunities
    won = deals[deals.is_won.astype(bool) & (deals.close_date.dt.to_period("Q") == quarter)]
    inbound = world.leads.loc[world.leads.source_channel != "outbound", "opportunity_id"].dropna()
    won = won.assign(marketing_sourced=won.opportunity_id.isin(inbound) & (won.type == "new_business"))
    report = won.groupby("segment").agg(
        new_business_won=("amount", lambda a: a[won.loc[a.index, "type"] == "new_business"].sum()),
        expansion_won=("amount", lambda a: a[won.loc[a.index, "type"] == "expansion"].sum()),
        marketing_sourced_won=("amount", lambda a: a[won.loc[a.index, "marketing_sourced"]].sum()),
        deals=("opportunity_id", "count"))
    report.attrs["quarter"] = str(quarter)
    return report
