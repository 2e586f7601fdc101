"""Module 07, attribution and closed-loop reporting: which touches get credit for won
revenue, sourced vs influenced pipeline, unit economics and campaign ROI.

Definitions the lesson states and the grader uses (one place, so they cannot drift):

- **Deals**: new-business deals (``type == "new_business"``) throughout; expansion deals
  (no lead, no campaign) are module 09's.
- **Attributed deals**: won deals (``is_won``). A deal's **touch path** is every
  touchpoint of its lead with ``occurred_at <= close_date`` (the conversion is the win; a
  touch after the close cannot have caused it). Touches from before the lead existed
  (anonymous visits attached on conversion) count. A won deal with no such touch cannot
  be attributed and is left out, so every model's credit sums to the won revenue of the
  deals that have a path.
- **Roles**: the *first* touch (earliest), the *last* touch (latest, at or before close),
  the *lead-creation* touch (the touch at the lead's ``created_at``; outbound leads have
  none: SDRs create them) and the *opportunity-creation* touch (the last touch at or
  before the deal's ``created_at``; none if every touch came later). One touch can play
  several roles and then gets the sum of their weights.
- **Position-based models** (U, W): each role's weight goes to its touch; the "rest"
  weight is split equally among the touches that play no role. A role with no touch
  (outbound lead creation) or a "rest" with no touch (one- or two-touch paths) gives its
  weight to nobody, and the deal's shares are then rescaled to sum to 1, so the weights
  that exist keep their proportions (e.g. U-shaped on two touches: 50/50; W-shaped on an
  outbound deal with first, opportunity-creation and two other touches: 3/7, 3/7, 1/14, 1/14).
- **Time decay**: weight 2^(-days before the close / 7), rescaled to sum to 1 per deal.

The formulas are vectorised pandas (no Python loop over touches) and tested on hand-made
paths in ``tests/notebook/exercises/test_attribution.py``.
"""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.attribution.lesson import (
    ACQUISITION_ROLES,
    ANNUAL_CHURN,
    COST_PER_HEAD,
    HALF_LIFE_DAYS,
    HISTORY_YEARS,
    W_SHAPED,
    new_business,
    touch_path,
)
from crosstrain.notebook.exercises.attribution.lesson import _position_shares as position_shares
from crosstrain.notebook.exercises.attribution.lesson import _role_flags as role_flags  # noqa: F401 - the exercise table reads it here
from crosstrain.notebook.exercises.measuring.formulas import (
    GROSS_MARGIN,
    won,
    won_revenue_by_channel,
)

MODULE = "07-attribution"
U_SHAPED = ({"first": 0.4, "lead_creation": 0.4}, 0.2)  # role weights, weight of the rest
ROLES = ("first", "last", "lead_creation", "opportunity_creation")
REPS = ("ae", "sdr")  # the reps alone: a CAC that forgets marketing's people and the managers

MODELS = {
    "primary_campaign": "Primary campaign source (Salesforce default)",
    "first_touch": "First touch",
    "last_touch": "Last touch",
    "linear": "Linear",
    "u_shaped": "U-shaped (40 / 40 / 20)",
    "w_shaped": "W-shaped (30 / 30 / 30 / 10)",
    "time_decay": f"Time decay (half-life {HALF_LIFE_DAYS:g} days)",
}


def days_before_close(path: pd.DataFrame) -> pd.Series:
    return (path.close_date - path.occurred_at) / pd.Timedelta(days=1)


def time_decay_shares(path: pd.DataFrame, half_life: float = HALF_LIFE_DAYS) -> pd.Series:
    """Weight 2^(-days before the close / half-life), rescaled to sum to 1 per deal."""
    raw = 2.0 ** (-days_before_close(path) / half_life)
    return raw / raw.groupby(path.opportunity_id).transform("sum")


def shares(path: pd.DataFrame, model: str) -> pd.Series:
    """Each touch's share of its deal's amount under a touch-based model."""
    if model == "first_touch":
        return position_shares(path, {"first": 1.0}, 0.0)
    if model == "last_touch":
        return position_shares(path, {"last": 1.0}, 0.0)
    if model == "linear":
        return position_shares(path, {}, 1.0)
    if model == "u_shaped":
        return position_shares(path, *U_SHAPED)
    if model == "w_shaped":
        return position_shares(path, *W_SHAPED)
    if model == "time_decay":
        return time_decay_shares(path)
    raise KeyError(f"unknown attribution model '{model}': choose one of {', '.join(MODELS)}")


def credit(path: pd.DataFrame, share: pd.Series, by: str = "channel") -> pd.Series:
    """Won revenue credited to each channel (or campaign): share x deal amount, summed."""
    return (share * path.amount).groupby(path[by]).sum()


def revenue_by_channel(world, model: str, path: pd.DataFrame | None = None) -> pd.Series:
    """Won revenue by channel under one model; ``primary_campaign`` is the baseline that
    gives each won deal's whole amount to the channel of its ``campaign_id``."""
    if model == "primary_campaign":
        revenue = won_revenue_by_channel(world.campaigns, world.opportunities)
        return revenue[revenue > 0]
    path = touch_path(world) if path is None else path
    return credit(path, shares(path, model)).sort_index()


def revenue_table(world) -> pd.DataFrame:
    """Won revenue by channel (rows) under every model (columns); 0 where a model gives none.

    The touch path is built once and shared by the touch-based models.
    """
    path = touch_path(world)
    table = pd.DataFrame({model: revenue_by_channel(world, model, path) for model in MODELS}).fillna(0.0)
    table.index.name = "channel"
    return table.sort_index()


# --- pipeline and unit economics --------------------------------------------------------

def sourced_and_influenced(world, window: str | None = "opp_created_at", deals: pd.DataFrame | None = None) -> dict:
    """Pipeline (every new-business deal's amount, whatever its stage) sourced by marketing (the lead's
    ``source_channel`` is not outbound) and influenced by it (a touch at or before the
    deal's creation)."""
    deals = new_business(world.opportunities) if deals is None else deals
    source = deals.lead_id.map(world.leads.set_index("lead_id").source_channel)
    path = touch_path(world, deals, until=None)
    if window is not None:
        path = path[path.occurred_at <= path[window]]
    return {"sourced": float(deals.amount[source.ne("outbound")].sum()), "influenced": won_path_revenue(path)}


def unit_economics(world, churn: float = ANNUAL_CHURN, margin: float = GROSS_MARGIN,
                   cost_per_head: float = COST_PER_HEAD, years: float = HISTORY_YEARS,
                   roles: tuple[str, ...] = ACQUISITION_ROLES, deals: pd.DataFrame | None = None) -> dict:
    """CAC, LTV, LTV:CAC and payback months over the world's whole history.

    CAC = (sales + marketing spend) / new customers (accounts with a won new-business deal): the campaigns'
    actual cost plus the people who win customers (marketing, SDRs, AEs, their managers;
    not CSMs, who serve customers after the sale) at a cost per head a year;
    ARPA = won new-business revenue / new customers, a year (a deal's amount is a year's contract);
    LTV = ARPA x gross margin / annual churn; payback = CAC / (ARPA / 12 x gross margin).
    """
    people = world.users.role.isin(roles).sum() * cost_per_head * years
    wins = won(new_business(world.opportunities) if deals is None else deals)
    customers = wins.account_id.nunique()
    cac = (people + world.campaigns.actual_cost.sum()) / customers
    arpa = wins.amount.sum() / customers
    ltv = arpa * margin / churn
    return {"cac": float(cac), "ltv": float(ltv), "ltv_to_cac": float(ltv / cac), "payback_months": float(cac / (arpa / 12 * margin))}


def campaign_roi(world, model: str = "w_shaped", margin: float = GROSS_MARGIN, column: str = "actual_cost",
                 path: pd.DataFrame | None = None) -> pd.Series:
    """ROI = (attributed won revenue x margin - spend) / spend per campaign, the revenue
    credited by ``model`` to the campaign of each touch (touches without a campaign, such
    as direct page views, credit no campaign)."""
    spend = world.campaigns.set_index("campaign_id")[column]
    path = touch_path(world) if path is None else path
    revenue = credit(path, shares(path, model), by="campaign_id").reindex(spend.index, fill_value=0.0)
    return (revenue * margin - spend) / spend


def won_path_revenue(path: pd.DataFrame) -> float:
    """The amount of the deals a path covers, each deal counted once (for a path of won
    deals: the won revenue it attributes)."""
    return float(path.drop_duplicates("opportunity_id").amount.sum())
