"""Touch paths of won deals and the credit each attribution model gives (module 07's rules,
in plain pandas): what the attribution and ROI claims measure."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import per_world, won

GROSS_MARGIN = 0.80  # module 02's assumed gross margin
COST_PER_HEAD, HISTORY_YEARS = 120_000.0, 2.0  # module 07's stated assumptions for CAC
ACQUISITION_ROLES = ("marketing", "sdr", "ae", "manager")  # module 07: who wins customers (not CSMs)
HALF_LIFE_DAYS = 7.0
POSITION = {"first_touch": ({"first": 1.0}, 0.0), "last_touch": ({"last": 1.0}, 0.0),
            "u_shaped": ({"first": 0.4, "lead_creation": 0.4}, 0.2),
            "w_shaped": ({"first": 0.3, "lead_creation": 0.3, "opportunity_creation": 0.3}, 0.1)}
MODELS = (*POSITION, "time_decay")


@per_world
def path(world) -> pd.DataFrame:
    """Each won deal's touches at or before its close date, in time order."""
    deals = won(world)[["opportunity_id", "lead_id", "amount", "created_at", "close_date"]]
    touches = world.touchpoints.merge(deals.rename(columns={"created_at": "opp_created_at"}), on="lead_id")
    touches = touches[touches["occurred_at"] <= touches["close_date"]]
    touches = touches.merge(world.leads[["lead_id", "created_at"]].rename(columns={"created_at": "lead_created_at"}), on="lead_id")
    return touches.sort_values(["opportunity_id", "occurred_at", "touchpoint_id"]).reset_index(drop=True)


def shares(p: pd.DataFrame, model: str) -> pd.Series:
    """Each touch's share of its deal under ``model`` (roles as module 07 defines them)."""
    deal = p["opportunity_id"]
    if model == "time_decay":
        raw = 2.0 ** (-(p["close_date"] - p["occurred_at"]) / pd.Timedelta(days=HALF_LIFE_DAYS))
        return raw / raw.groupby(deal).transform("sum")
    last_before = p["occurred_at"].where(p["occurred_at"] <= p["opp_created_at"]).groupby(deal).transform("max")
    flags = pd.DataFrame({"first": ~deal.duplicated(keep="first"), "last": ~deal.duplicated(keep="last"),
                          "lead_creation": p["occurred_at"].eq(p["lead_created_at"]),
                          "opportunity_creation": p["occurred_at"].eq(last_before)})
    roles, rest = POSITION[model]
    raw = sum(flags[role] * weight for role, weight in roles.items())
    in_rest = ~flags[list(roles)].any(axis=1)
    n_rest = in_rest.groupby(deal).transform("sum")
    raw = raw + in_rest * rest / n_rest.where(n_rest > 0, 1)
    return raw / raw.groupby(deal).transform("sum")


@per_world
def channel_credit(world) -> pd.DataFrame:
    """Share of attributed won revenue per touch channel (rows) under each model (columns)."""
    p = path(world)
    credit = pd.DataFrame({model: (shares(p, model) * p["amount"]).groupby(p["channel"]).sum() for model in MODELS})
    return credit / credit.sum()


def models_differ(world) -> float:
    """The smallest distance (half the summed absolute difference of channel shares) between two models."""
    credit = channel_credit(world)
    return min((credit[a] - credit[b]).abs().sum() / 2 for i, a in enumerate(MODELS) for b in MODELS[i + 1:])


@per_world
def campaign_roi(world) -> pd.Series:
    """(W-shaped won revenue x gross margin - actual cost) / actual cost, per campaign."""
    p = path(world)
    spend = world.campaigns.set_index("campaign_id")["actual_cost"]
    revenue = (shares(p, "w_shaped") * p["amount"]).groupby(p["campaign_id"]).sum().reindex(spend.index, fill_value=0.0)
    return (revenue * GROSS_MARGIN - spend) / spend


def last_touch_days(world) -> float:
    """Median days from a won deal's last touch to its close date."""
    return float(last_touches(world)["days_before"].median())


@per_world
def last_touches(world) -> pd.DataFrame:
    """Each won deal's last touch up to its close, with the days it came before the close."""
    last = path(world).groupby("opportunity_id").tail(1)
    return last.assign(days_before=(last["close_date"] - last["occurred_at"]) / pd.Timedelta(days=1))


def people_share_of_cac(world) -> float:
    """The people's part of module 07's CAC spend: acquisition roles at the cost per head, over
    that plus the campaigns' actual cost."""
    people = world.users["role"].isin(ACQUISITION_ROLES).sum() * COST_PER_HEAD * HISTORY_YEARS
    return float(people / (people + world.campaigns["actual_cost"].sum()))
