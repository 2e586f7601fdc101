"""Claims about closed deals: segments' win rate, size and cycle; the quarter-end push."""

from __future__ import annotations

from crosstrain.course.claims.frames import closed, new_business, per_world, rate, ratio, won
from crosstrain.course.claims.registry import Claim, at_least, between

DATASHEET = "datasets/DATASHEET.md"
M01 = "modules/01-two-teams/01-two-teams.py"
SEGMENT_ANCHOR = "Segments differ: win rate about 30% SMB, 22% mid-market, 15% enterprise"
SIZE_ANCHOR = "lognormal deal size (medians $12k / $30k / $80k)"
CYCLE_ANCHOR = "cycle (won deals near 45 / 75 / 120 days)"


@per_world
def win_rate(world):
    deals = closed(world)
    return deals["is_won"].groupby(deals["segment"]).mean()


@per_world
def median_amount(world):
    deals = won(world)
    return deals["amount"].groupby(deals["segment"]).median()


@per_world
def median_cycle(world):
    deals = won(world)
    return (deals["close_date"] - deals["created_at"]).dt.days.groupby(deals["segment"]).median()


def _per_segment(kind: str, anchor: str, table, unit: str, ranges: dict) -> list[Claim]:
    return [Claim(f"deals.{kind}_{segment}", DATASHEET, anchor, f"The {kind.replace('_', ' ')} of {segment} deals is as the datasheet says.",
                  lambda w, s=segment: float(table(w)[s]), between(*bounds), unit=unit)
            for segment, bounds in ranges.items()]


CLAIMS = [
    *_per_segment("win_rate", SEGMENT_ANCHOR, win_rate, "share",
                  {"smb": (0.25, 0.35), "mid_market": (0.15, 0.30), "enterprise": (0.10, 0.20)}),
    *_per_segment("median_won_amount", SIZE_ANCHOR, median_amount, "money",
                  {"smb": (9_000, 15_000), "mid_market": (21_000, 39_000), "enterprise": (55_000, 100_000)}),
    *_per_segment("median_cycle", CYCLE_ANCHOR, median_cycle, "days",
                  {"smb": (30, 60), "mid_market": (55, 90), "enterprise": (90, 150)}),
    Claim("deals.small_win_more_often", M01, "small companies say", "SMB deals win more often than enterprise deals.",
          lambda w: ratio(win_rate(w)["smb"], win_rate(w)["enterprise"]), at_least(1.3), unit="ratio"),
    Claim("deals.big_sign_bigger", M01, "yes more often, big ones sign bigger contracts",
          "Enterprise wins are far bigger than SMB wins (median won amount).",
          lambda w: ratio(median_amount(w)["enterprise"], median_amount(w)["smb"]), at_least(3.0), unit="ratio"),
    Claim("deals.smb_opportunity_share", DATASHEET, "opportunity counts are SMB-heavy (about 45% SMB",
          "About 45% of opportunities are SMB, the largest segment by count.",
          lambda w: rate(new_business(w)["segment"] == "smb"), between(0.38, 0.51)),
    Claim("deals.enterprise_revenue_share", DATASHEET, "won revenue is enterprise-heavy (about 45%, varying by seed",
          "Enterprise brings about 45% of won revenue, the largest segment by revenue.",
          lambda w: ratio(won(w).loc[won(w)["segment"] == "enterprise", "amount"].sum(), won(w)["amount"].sum()),
          between(0.36, 0.60)),
    Claim("deals.quarter_end", DATASHEET, "About half of wins close in the last month of a quarter",
          "About half of wins close in the last month of a quarter.",
          # "About half": a seed with a large last-month push reaches 60%.
          lambda w: rate(won(w)["close_date"].dt.month % 3 == 0), between(0.40, 0.62)),
]
