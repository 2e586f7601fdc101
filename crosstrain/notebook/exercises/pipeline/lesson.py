"""What module 06's notebook imports: the discount bands q7 groups by and the forecast
call's risky deals. Nothing here returns a graded answer (``tests/grading/test_no_shortcuts.py``),
and nothing here imports the module's formulas, so an assessment's learner install holds it:
the risk table lists deals (amounts at full value, slips of this quarter's deals only), it
adds, weights and rates nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DISCOUNT_BANDS = ("none", "under_10", "10_to_20", "20_plus")  # discount_pct: 0, (0, 10), [10, 20), 20 and more

__all__ = ["DISCOUNT_BANDS", "deal_risks", "discount_band"]


def discount_band(discount_pct: pd.Series) -> pd.Series:
    """'none' (0%), 'under_10' (above 0, under 10%), '10_to_20' (10% to under 20%), '20_plus'."""
    pct = discount_pct.fillna(0).to_numpy()
    labels = np.select([pct <= 0, pct < 10, pct < 20], list(DISCOUNT_BANDS[:3]), DISCOUNT_BANDS[3])
    return pd.Series(labels, index=discount_pct.index, name="discount_band")


def deal_risks(deals: pd.DataFrame, history: pd.DataFrame, reference_date) -> pd.DataFrame:
    """This quarter's commit and best-case deals with what a forecast call asks about them:
    amount, stage, slips so far, days left to the close date and the MEDDPICC elements missing."""
    today = pd.Timestamp(reference_date)
    end = today.to_period("Q").end_time
    open_now = ~deals.is_closed.fillna(False).astype(bool)
    pipe = deals[open_now & deals.close_date.between(today, end) & deals.forecast_category.isin(["commit", "best_case"])]
    flags = [c for c in pipe.columns if c.startswith("has_")]
    missing = pipe[flags].apply(lambda row: ", ".join(f.removeprefix("has_") for f in flags if not row[f]), axis=1)
    table = pd.DataFrame({
        "name": pipe.name, "forecast_category": pipe.forecast_category, "stage": pipe.stage, "amount": pipe.amount,
        "close_in_days": ((pipe.close_date - today) / pd.Timedelta(days=1)).round(0).astype(int),
        "slips": pipe.opportunity_id.map(_slips(history[history.opportunity_id.isin(pipe.opportunity_id)])).fillna(0).astype(int),
        "meddpicc_missing": missing.astype(str),
    })
    table.index = pipe.opportunity_id
    return table.sort_values(["forecast_category", "amount"], ascending=[False, False])


def _slips(history: pd.DataFrame) -> pd.Series:
    """Times each deal's close date moved later (rows in order of changed_at)."""
    h = history.sort_values(["opportunity_id", "changed_at"], kind="stable")
    return (h.close_date > h.groupby("opportunity_id").close_date.shift()).groupby(h.opportunity_id).sum()
