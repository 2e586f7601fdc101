"""What module 07's notebook imports: the lesson's assumptions, the shared touch path and,
for the ROI exercise, each touch's W-shaped share.

Nothing here returns a graded answer (``tests/grading/test_no_shortcuts.py`` checks it):
the revenue each model credits, the pipeline and the unit economics are computed by
``formulas`` for the exercise table, out of the learner's reach. The W-shaped shares are
per touch, not per channel, and arrive after the exercise that asks for that model.
"""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.attribution import formulas as _formulas
from crosstrain.notebook.exercises.measuring.formulas import GROSS_MARGIN

ANNUAL_CHURN = _formulas.ANNUAL_CHURN
HALF_LIFE_DAYS = _formulas.HALF_LIFE_DAYS
HISTORY_YEARS = _formulas.HISTORY_YEARS
SALES_COST_PER_HEAD = _formulas.SALES_COST_PER_HEAD

__all__ = ["ANNUAL_CHURN", "GROSS_MARGIN", "HALF_LIFE_DAYS", "HISTORY_YEARS", "SALES_COST_PER_HEAD", "touch_path", "w_shaped_shares"]


def touch_path(world) -> pd.DataFrame:
    """Every touch of a won deal's lead up to its close, sorted by deal, then time."""
    return _formulas.touch_path(world)


def w_shaped_shares(path: pd.DataFrame) -> pd.Series:
    """Each touch's share of its deal under the W-shaped model (30 / 30 / 30 / 10, rescaled)."""
    return _formulas.shares(path, "w_shaped")
