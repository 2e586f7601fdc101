"""What module 08's notebook imports: the plan's inputs and goal, and the monthly scorecard
the dashboard draws (the raw CRM is ``raw``'s). Nothing here returns a graded answer
(``tests/grading/test_no_shortcuts.py``)."""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.alignment import formulas as _formulas

__all__ = ["monthly_scorecard", "plan_inputs", "revenue_goal"]


def plan_inputs(world) -> dict[str, float]:
    """The observed rates, average deal and cost per lead a plan divides by."""
    return _formulas.plan_inputs(world)


def revenue_goal(world) -> float:
    """Next quarter's target for marketing-sourced new business."""
    return _formulas.revenue_goal(world)


def monthly_scorecard(world) -> pd.DataFrame:
    """The SLA scorecard month by month: the dashboard's data."""
    return _formulas.monthly_scorecard(world)
