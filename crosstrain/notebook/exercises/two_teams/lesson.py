"""What module 01's notebook imports: the closed-deal table by industry or ICP tier that the
lesson shows after the segment exercises. Nothing here returns a graded answer
(``tests/grading/test_no_shortcuts.py``), and nothing here imports the module's formulas,
so an assessment's learner install holds it: by segment (exercises 5 to 7) it refuses.
"""

from __future__ import annotations

import pandas as pd

from crosstrain.errors import CrosstrainError
from crosstrain.world.schema import new_business

GROUPS = ("industry", "icp_tier")  # the account columns the lesson compares; segment is the exercises'

__all__ = ["GROUPS", "segment_table"]


def segment_table(world, by: str) -> pd.DataFrame:
    """Per industry or ICP tier, over closed new-business deals (expansions sell to existing
    customers and say nothing about whom we win): closed, won, win rate, average won deal, won
    revenue per closed deal (the three numbers exercises 5 to 7 compute by segment)."""
    if by not in GROUPS:
        raise CrosstrainError(f"segment_table shows {' or '.join(GROUPS)}; by {by!r} is yours to compute from world.opportunities")
    deals = new_business(world.opportunities)
    deals = deals.merge(world.accounts[["account_id", by]], on="account_id", how="left")
    closed = deals[deals.is_closed.fillna(False).astype(bool)]
    won = closed.is_won.astype(bool)
    groups = closed[by]
    table = pd.DataFrame({"closed": closed.groupby(by).size(), "won": won.groupby(groups).sum(),
                          "won_amount": closed.amount.where(won, 0.0).groupby(groups).sum()})
    return table.assign(win_rate=table.won / table.closed, avg_deal=table.won_amount / table.won,
                        revenue_per_closed_deal=table.won_amount / table.closed)
