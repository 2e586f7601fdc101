"""What module 06's notebook imports: this quarter's risky deals for the forecast call and
the discount bands. Nothing here returns a graded answer (``tests/grading/test_no_shortcuts.py``)."""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.pipeline import formulas as _formulas

__all__ = ["deal_risks", "discount_band"]


def deal_risks(deals: pd.DataFrame, history: pd.DataFrame, reference_date) -> pd.DataFrame:
    """This quarter's commit and best-case deals with their slips, days left and missing MEDDPICC elements."""
    return _formulas.deal_risks(deals, history, reference_date)


def discount_band(discount_pct: pd.Series) -> pd.Series:
    """'none', 'under_10', '10_to_20' or '20_plus' for each discount in percent."""
    return _formulas.discount_band(discount_pct)
