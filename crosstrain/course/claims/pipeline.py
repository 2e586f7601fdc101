"""Claims about deal qualification and pipeline: MEDDPICC, slips, coverage, forecast categories."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import closed, rate, ratio, slips
from crosstrain.course.claims.registry import Claim, at_least, at_most, between, restated

DATASHEET = "datasets/DATASHEET.md"
M04 = "modules/04-lead-scoring/04-lead-scoring.py"
M06 = "modules/06-pipeline/06-pipeline.py"
NOTES06 = "workshops/notes/06-pipeline.md"


def _meddpicc_lift(world) -> float:
    deals = closed(world)
    complete = deals[[c for c in deals.columns if c.startswith("has_")]].sum(axis=1)
    return ratio(rate(deals.loc[complete >= 6, "is_won"]), rate(deals.loc[complete <= 2, "is_won"]))


def _no_economic_buyer(world) -> float:
    deals = closed(world)
    return rate(deals.loc[~deals["has_economic_buyer"], "is_won"])


def _slip_win_rates(world) -> tuple[float, float]:
    deals = closed(world)
    count = slips(world).reindex(deals["opportunity_id"]).to_numpy()
    return rate(deals["is_won"][count >= 2]), rate(deals["is_won"][count == 0])


def _recent_value_win_rate(world, segment: str | None = None) -> float:
    """Won amount over closed amount, deals closed in the last 365 days (module 06's rate)."""
    deals = closed(world)
    recent = deals[deals["close_date"] >= world.reference_date - pd.Timedelta(days=365)]
    if segment is not None:
        recent = recent[recent["segment"] == segment]
    return ratio(recent.loc[recent["is_won"], "amount"].sum(), recent["amount"].sum())


def _category_follows_stage(world) -> float:
    """Share of stages whose deals all carry one forecast category."""
    deals = world.opportunities
    return rate(deals.groupby("stage")["forecast_category"].nunique() == 1)


MEDDPICC_LIFT = Claim("pipeline.meddpicc_lift", M04, "Among closed deals, more elements mean a higher win rate",
                      "Closed deals with 6+ MEDDPICC elements win over twice as often as those with 2 or fewer.",
                      _meddpicc_lift, at_least(2.0), unit="ratio")
SLIPS_WIN_LESS = Claim("pipeline.slips_win_less", M06, "the more a deal slips the less often it wins",
                       "Closed deals that slipped twice or more win less often than those that never slipped.",
                       lambda w: ratio(*_slip_win_rates(w)), at_most(0.9), unit="ratio")

CLAIMS = [
    MEDDPICC_LIFT,
    restated(MEDDPICC_LIFT, "pipeline.meddpicc_lift_datasheet", DATASHEET, "MEDDPICC completeness raises the win rate"),
    Claim("pipeline.no_economic_buyer", DATASHEET, "no economic buyer rarely wins (about 7%)",
          "Closed deals without an economic buyer win about 7% of the time.",
          _no_economic_buyer, between(0.02, 0.10)),
    SLIPS_WIN_LESS,
    restated(SLIPS_WIN_LESS, "pipeline.slips_win_less_datasheet", DATASHEET, "Deals that slip their close date repeatedly win less"),
    restated(SLIPS_WIN_LESS, "pipeline.slipped_twice_memo", M06, "less often than deals that never slipped. Action"),
    Claim("pipeline.coverage_needed_above_rule", NOTES06, "A coverage needed well above the 3x rule of thumb is not a bug",
          "The coverage needed (1 / last year's win rate by value) is well above 3x.",
          lambda w: ratio(1, _recent_value_win_rate(w)), at_least(4.0), unit="ratio"),
    Claim("pipeline.enterprise_needs_more_coverage", M06, "Enterprise, with its lower win rate, needs more coverage than SMB",
          "Enterprise needs more coverage than SMB (coverage needed, enterprise over SMB).",
          lambda w: ratio(_recent_value_win_rate(w, "smb"), _recent_value_win_rate(w, "enterprise")), at_least(1.2), unit="ratio"),
    Claim("pipeline.category_follows_stage", M06, "In this CRM the category follows the",
          "Every stage maps to one forecast category.",
          _category_follows_stage, at_least(1.0)),
]
