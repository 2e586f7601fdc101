"""Module 09's claims about customers after the close: churn by sale-time signal at the
first renewal (the lesson's q5 view; the datasheet's term-end view is in ``retention``),
when churn can happen, and expansion deals (who owns them, how often they win, and the
champion behind them, restated from ``retention``). Plain pandas, as the lesson would write it."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import per_world, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, between, restated
from crosstrain.course.claims.retention import CLAIMS as RETENTION
from crosstrain.course.claims.retention import HEAVY_DISCOUNT_PCT

M09 = "modules/09-retention/09-retention.py"
CHURN_ANCHOR = "churn more often than customers sold with none of the signals"


@per_world
def sold(world) -> pd.DataFrame:
    """Each subscription with its won deal's sale-time fields and whether its first renewal has come."""
    deals = world.opportunities.drop(columns=["account_id", "segment"])
    subs = world.subscriptions.merge(deals, on="opportunity_id", how="left")
    first = [s + pd.DateOffset(months=int(m)) for s, m in zip(subs["start_date"], subs["term_months"])]
    subs = subs.assign(due=pd.Series(first, index=subs.index) <= world.reference_date,
                       heavy=subs["discount_pct"] >= HEAVY_DISCOUNT_PCT, no_eb=~subs["has_economic_buyer"].astype(bool),
                       no_champion=~subs["has_champion"].astype(bool), churned=subs["status"] == "churned")
    return subs.assign(risky=subs["heavy"] | subs["no_eb"])


def _churn_over_none(world, signal: str) -> float:
    """Churn among due customers with the signal (or ``risky``: either driver) over churn among those with none of the three."""
    due = sold(world)[sold(world)["due"]]
    none = ~(due["heavy"] | due["no_eb"] | due["no_champion"])
    return ratio(rate(due.loc[due[signal], "churned"]), rate(due.loc[none, "churned"]))


def _earliest_churn_days(world) -> float:
    """Fewest days from a subscription's start to its churn (no churn: infinite)."""
    subs = world.subscriptions
    gone = subs[subs["status"] == "churned"]
    return float((gone["churned_at"] - gone["start_date"]).dt.days.min()) if len(gone) else float("inf")


def _expansion_owned_by_csms(world) -> float:
    deals = world.opportunities[world.opportunities["type"] == "expansion"]
    role = deals["owner_id"].map(world.users.set_index("user_id")["role"])
    return rate(role == "csm")


def _expansion_win_rate_over_new(world) -> float:
    closed = world.opportunities[world.opportunities["is_closed"].astype(bool)]
    by_type = closed.groupby("type")["is_won"].mean()
    return ratio(by_type["expansion"], by_type["new_business"])


CLAIMS = [
    Claim("after_close.risky_sale_churns_more", M09, CHURN_ANCHOR,
          "Customers sold with a heavy discount (20% or more) or without the economic buyer churn at their first "
          "renewal more often than customers sold with none of the three signals.",
          lambda w: _churn_over_none(w, "risky"), at_least(1.5), unit="ratio"),
    restated(next(c for c in RETENTION if c.id == "retention.champion_expands"), "after_close.champion_shows_in_expansion",
             M09, "a missing champion shows"),
    Claim("after_close.no_churn_before_first_renewal", M09, "nobody in them could churn",
          "No customer churns within its first year: churn happens at a renewal, and every term is 12 months or more.",
          _earliest_churn_days, at_least(365), unit="days"),
    Claim("after_close.csms_own_expansion", M09, "Expansion deals are owned by a CSM",
          "Every expansion deal is owned by a CSM.", _expansion_owned_by_csms, between(1.0, 1.0)),
    Claim("after_close.expansion_wins_more", M09, "they win far more often than new",
          "Closed expansion deals win far more often (at least twice as often) than closed new-business deals.",
          lambda w: float(_expansion_win_rate_over_new(w)), at_least(2.0), unit="ratio"),
]
