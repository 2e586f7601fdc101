"""What module 07's notebook imports: the lesson's assumptions, the shared touch path and,
for the ROI exercise, each touch's W-shaped share.

Nothing here returns a graded answer (``tests/grading/test_no_shortcuts.py`` checks it):
the revenue each model credits, the pipeline and the unit economics are computed by
``formulas`` (which builds on this module) for the exercise table, out of the learner's
reach. The W-shaped shares are per touch, not per channel, and arrive after the exercise
that asks for that model. Nothing here imports ``formulas``, so an assessment's learner
install holds this module as it is.
"""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.measuring.lesson import GROSS_MARGIN
from crosstrain.world.schema import new_business

HALF_LIFE_DAYS = 7.0
W_SHAPED = ({"first": 0.3, "lead_creation": 0.3, "opportunity_creation": 0.3}, 0.1)  # role weights, weight of the rest

# Assumptions the world does not hold (the lesson states them):
COST_PER_HEAD = 120_000.0  # a year, fully loaded (salary, commission, tools), per person who wins customers
# Who wins customers: marketing, SDRs, AEs and their managers. CSMs serve customers after
# the sale (retention and expansion), so their cost is not acquisition cost.
ACQUISITION_ROLES = ("marketing", "sdr", "ae", "manager")
HISTORY_YEARS = 2.0  # the CRM covers the 730 days before its reference date
ANNUAL_CHURN = 0.20  # share of customers lost per year (no renewals in the world)

__all__ = ["ACQUISITION_ROLES", "ANNUAL_CHURN", "COST_PER_HEAD", "GROSS_MARGIN", "HALF_LIFE_DAYS", "HISTORY_YEARS", "touch_path",
           "w_shaped_shares"]


def touch_path(world, deals: pd.DataFrame | None = None, until: str | None = "close_date") -> pd.DataFrame:
    """One row per touch that counts, with its deal; sorted by deal, then time.

    ``deals`` defaults to the won new-business deals; ``until`` is the deal column a touch must not come
    after (``None``: every touch of the lead, a mistake the lesson warns about).
    """
    if deals is None:
        deals = new_business(world.opportunities)
        deals = deals[deals.is_won.fillna(False).astype(bool)]
    deals = deals[["opportunity_id", "lead_id", "amount", "created_at", "close_date"]].rename(columns={"created_at": "opp_created_at"})
    path = _touches_of_deal_leads(world).merge(deals, on="lead_id")
    if until is not None:
        path = path[path.occurred_at <= path[until]]
    return path.sort_values(["opportunity_id", "occurred_at", "touchpoint_id"]).reset_index(drop=True)


_CACHE: dict[int, tuple] = {}


def _touches_of_deal_leads(world) -> pd.DataFrame:
    """The touches of leads that have a deal, with the lead's creation time and source.

    Cached per world (keyed on the very table objects it was built from, so a world whose
    tables are replaced is rebuilt): a notebook's checks and grades reuse it, which keeps
    the module's solution well under its time budget.
    """
    touchpoints, leads, deals = world.touchpoints, world.leads, world.opportunities
    cached = _CACHE.get(id(world))
    if cached is not None and cached[0] is touchpoints and cached[1] is leads and cached[2] is deals:
        return cached[3]
    touches = touchpoints.loc[touchpoints.lead_id.isin(deals.lead_id), ["touchpoint_id", "lead_id", "occurred_at", "channel", "event_type", "campaign_id"]]
    lead_info = leads[["lead_id", "created_at", "source_channel"]].rename(columns={"created_at": "lead_created_at"})
    result = touches.merge(lead_info, on="lead_id", how="left")
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(world)] = (touchpoints, leads, deals, result)
    return result


def _role_flags(path: pd.DataFrame) -> pd.DataFrame:
    """True where a touch plays each role (``path`` sorted by deal, then time, as ``touch_path`` gives it)."""
    deal = path.opportunity_id
    last_before = path.occurred_at.where(path.occurred_at <= path.opp_created_at).groupby(deal).transform("max")
    return pd.DataFrame({
        "first": ~deal.duplicated(keep="first"),
        "last": ~deal.duplicated(keep="last"),
        "lead_creation": path.occurred_at.eq(path.lead_created_at),
        "opportunity_creation": path.occurred_at.eq(last_before),
    }, index=path.index)


def _position_shares(path: pd.DataFrame, role_weights: dict[str, float], rest: float) -> pd.Series:
    """Each touch's share of its deal: role weights, the rest split among role-less touches,
    rescaled so each deal's shares sum to 1."""
    flags = _role_flags(path)
    raw = pd.Series(0.0, index=path.index)
    for role, weight in role_weights.items():
        raw += flags[role] * weight
    in_rest = ~flags[list(role_weights)].any(axis=1) if role_weights else pd.Series(True, index=path.index)
    n_rest = in_rest.groupby(path.opportunity_id).transform("sum")
    raw += in_rest * rest / n_rest.where(n_rest > 0, 1)
    return raw / raw.groupby(path.opportunity_id).transform("sum")


def w_shaped_shares(path: pd.DataFrame) -> pd.Series:
    """Each touch's share of its deal under the W-shaped model (30 / 30 / 30 / 10, rescaled)."""
    return _position_shares(path, *W_SHAPED)
