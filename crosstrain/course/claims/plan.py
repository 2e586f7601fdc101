"""Claims module 08's plan and review make about the data: how long an inbound lead takes to
become a win, where a quarter's wins come from, and how much bigger the funnel's top is."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import inbound, per_world, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, between, restated

M08 = "modules/08-alignment/08-alignment.py"


@per_world
def inbound_wins(world) -> pd.DataFrame:
    """Won deals of inbound leads, with the lead's creation time."""
    leads = inbound(world)[["lead_id", "created_at"]].rename(columns={"created_at": "lead_created_at"})
    deals = world.opportunities
    return deals[deals["is_won"].fillna(False).astype(bool)].merge(leads, on="lead_id")


def _lead_to_win_days(world) -> float:
    wins = inbound_wins(world)
    return float(((wins["close_date"] - wins["lead_created_at"]) / pd.Timedelta(days=1)).median())


def _last_four_quarters(world, stamps: pd.Series) -> pd.Series:
    last = pd.Timestamp(world.reference_date).to_period("Q") - 1
    return stamps.dt.to_period("Q").isin([last - k for k in range(4)])


def _wins_from_before_the_quarter(world, column: str) -> float:
    """Share of the last four complete quarters' inbound wins whose ``column`` (the lead's or the
    opportunity's creation) falls before the quarter they closed in."""
    wins = inbound_wins(world)
    wins = wins[_last_four_quarters(world, wins["close_date"])]
    return rate(wins[column].dt.to_period("Q") < wins["close_date"].dt.to_period("Q"))


def _leads_per_win(world) -> float:
    """Inbound leads over their won deals: how many times bigger the funnel's top is than its bottom."""
    return ratio(len(inbound(world)), len(inbound_wins(world)))


LEAD_TO_WIN = Claim("plan.lead_to_win_about_a_quarter", M08, "the median inbound won deal closed about three",
                    "The median inbound won deal closed about three months (75 to 110 days) after its lead was created.",
                    _lead_to_win_days, between(75, 110), unit="days")

CLAIMS = [
    LEAD_TO_WIN,
    restated(LEAD_TO_WIN, "plan.lead_to_win_memo", M08, "since the median inbound won deal closed about three months"),
    Claim("plan.wins_from_earlier_leads", M08, "So most of next quarter's wins come",
          "Most of a quarter's inbound wins come from leads created before that quarter (last four complete quarters).",
          lambda w: _wins_from_before_the_quarter(w, "lead_created_at"), at_least(0.6)),
    Claim("plan.wins_from_earlier_opportunities", M08, "most of a quarter's wins come from opportunities created in earlier",
          "Most of a quarter's inbound wins come from opportunities created in earlier quarters (last four complete quarters).",
          lambda w: _wins_from_before_the_quarter(w, "created_at"), at_least(0.55)),
    Claim("plan.top_a_hundred_times_the_bottom", M08, "the top of the funnel is over a hundred times bigger than",
          "Inbound leads outnumber their won deals over a hundred times.",
          _leads_per_win, at_least(100.0), unit="ratio"),
]
