"""What module 01's notebook imports: the closed-deal table by segment or industry that the
ICP exercises read. Nothing here returns a graded answer (``tests/grading/test_no_shortcuts.py``)."""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.two_teams import formulas as _formulas

__all__ = ["segment_table"]


def segment_table(world, by: str = "segment") -> pd.DataFrame:
    """Per group of closed deals: closed, won, win rate, average won deal, won revenue per closed deal."""
    return _formulas.segment_table(world, by)
