"""Claims about the revenue team: quotas and attainment."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import rate, won
from crosstrain.course.claims.registry import Claim, at_least

DATASHEET = "datasets/DATASHEET.md"


def _attainment_inside(world) -> float:
    """Share of AEs whose last complete quarter's bookings are 60-140% of their quota."""
    quarter = (world.reference_date - pd.Timedelta(days=1)).to_period("Q")
    users = world.users
    aes = users[users["role"] == "ae"].set_index("user_id")
    wins = won(world)
    booked = wins[wins["close_date"].dt.to_period("Q") == quarter].groupby("owner_id")["amount"].sum()
    attainment = booked.reindex(aes.index, fill_value=0) / aes["quarterly_quota"]
    return rate(attainment.between(0.6, 1.4))


CLAIMS = [
    Claim("people.attainment_60_140", DATASHEET, "attainment lands near 60-140%",
          "Most AEs land between 60% and 140% of quota in the last complete quarter.",
          _attainment_inside, at_least(0.6), pending="World v2"),
]
