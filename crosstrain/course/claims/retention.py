"""Claims about customers after the close: retention by segment, and how the sale shows in churn
and expansion. NRR and GRR come from ``crosstrain.course.retention`` (the one definition)."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import per_world, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, at_most, between
from crosstrain.course.retention import retention

DATASHEET = "datasets/DATASHEET.md"
RETENTION_ANCHOR = "net revenue retention over the trailing 12 months lands near the domain brief's medians"
DRIVER_ANCHOR = "a deal won on a heavy discount or without an economic buyer churns more"
# Term ends so far on the default world: 70-110, of which 12-23 churns, so a single driver's
# ratio swings from seed to seed; the two drivers together are the robust statement.
CHAMPION_ANCHOR = "an engaged champion expands more"
REASON_ANCHOR = "no single churn reason dominates"
# A heavy discount, as the recipe's ``[retention] heavy_discount_pct`` defines it.
HEAVY_DISCOUNT_PCT = 20.0


@per_world
def by_segment(world) -> pd.DataFrame:
    return retention(world)


@per_world
def overall(world) -> pd.Series:
    return retention(world, by=None).iloc[0]


@per_world
def renewals(world) -> pd.DataFrame:
    """Every term end so far (renewed, contracted or churned) with the sale behind the subscription."""
    events = world.subscription_events
    ends = events[events["type"].isin(["renewal", "contraction", "churn"])]
    sale = world.subscriptions[["subscription_id", "opportunity_id"]].merge(
        world.opportunities[["opportunity_id", "discount_pct", "has_economic_buyer"]], on="opportunity_id")
    ends = ends.merge(sale, on="subscription_id")
    return pd.DataFrame({"churned": ends["type"] == "churn", "lost": ends["type"] != "renewal", "heavy": ends["discount_pct"] >= HEAVY_DISCOUNT_PCT,
                         "no_eb": ~ends["has_economic_buyer"].astype(bool)})


def churn_ratio(world, risky: str, outcome: str = "churned") -> float:
    """Churn rate at term end (``outcome`` "lost": churn or contraction) of subscriptions whose
    sale was ``risky`` ("heavy", "no_eb" or "either") over that of the others ("either": over
    clean sales, neither)."""
    ends = renewals(world)
    flag = ends["heavy"] | ends["no_eb"] if risky == "either" else ends[risky]
    return ratio(rate(ends.loc[flag, outcome]), rate(ends.loc[~flag, outcome]))


def champion_expansion_ratio(world) -> float:
    """Expansions per customer-year with an engaged champion in the sale over those without."""
    subs = world.subscriptions.merge(world.opportunities[["opportunity_id", "has_champion"]], on="opportunity_id")
    events = world.subscription_events
    count = events[events["type"] == "expansion"].groupby("subscription_id").size().reindex(subs["subscription_id"], fill_value=0)
    end = subs["churned_at"].fillna(world.reference_date)
    years = pd.Series(((end - subs["start_date"]).dt.days / 365).to_numpy(), index=subs["subscription_id"])
    champion = subs["has_champion"].astype(bool).to_numpy()
    return ratio(count[champion].sum() / years[champion].sum(), count[~champion].sum() / years[~champion].sum())


def churn_reasons(world) -> pd.Series:
    churned = world.subscriptions[world.subscriptions["status"] == "churned"]
    return churned["churn_reason"].value_counts(normalize=True)


def _segment_claims(metric: str, ranges: dict) -> list[Claim]:
    return [Claim(f"retention.{metric}_{segment}", DATASHEET, RETENTION_ANCHOR,
                  f"{metric.upper()} of {segment} customers over the trailing 12 months is as the datasheet says.",
                  lambda w, s=segment, m=metric: float(by_segment(w)[m][s]), between(*bounds))
            for segment, bounds in ranges.items()]


CLAIMS = [
    # Medians 97% / 108% / 118% (domain brief); a segment's cohort is 15-70 customers, so a seed moves it.
    *_segment_claims("nrr", {"smb": (0.80, 1.10), "mid_market": (0.80, 1.32), "enterprise": (0.92, 1.55)}),
    *_segment_claims("grr", {"smb": (0.68, 0.92), "mid_market": (0.74, 1.0), "enterprise": (0.70, 1.0)}),
    Claim("retention.nrr_all", DATASHEET, RETENTION_ANCHOR, "Net revenue retention of all customers is about 100-110%.",
          lambda w: float(overall(w)["nrr"]), between(0.92, 1.25)),
    Claim("retention.grr_all", DATASHEET, RETENTION_ANCHOR, "Gross revenue retention of all customers is about 80-90%.",
          lambda w: float(overall(w)["grr"]), between(0.78, 0.95)),
    Claim("retention.churn_heavy_discount", DATASHEET, DRIVER_ANCHOR,
          "A sale on a heavy discount (20% or more) churns or contracts at term end more often than the others.",
          lambda w: churn_ratio(w, "heavy", "lost"), at_least(1.1), unit="ratio"),
    Claim("retention.churn_no_economic_buyer", DATASHEET, DRIVER_ANCHOR,
          "Subscriptions sold without an economic buyer churn at term end more often than the others.",
          lambda w: churn_ratio(w, "no_eb"), at_least(1.05), unit="ratio"),
    Claim("retention.churn_risky_sale", DATASHEET, DRIVER_ANCHOR,
          "Either one (heavy discount or no economic buyer) churns over 1.5x as often as a clean sale.",
          lambda w: churn_ratio(w, "either"), at_least(1.5), unit="ratio"),
    Claim("retention.champion_expands", DATASHEET, CHAMPION_ANCHOR,
          "Customers whose deal had an engaged champion expand over 1.25x as often per year.",
          champion_expansion_ratio, at_least(1.25), unit="ratio"),
    Claim("retention.reason_spread", DATASHEET, REASON_ANCHOR, "No churn reason accounts for more than 55% of the churned customers.",
          lambda w: float(churn_reasons(w).max()), at_most(0.55)),
    Claim("retention.reasons_seen", DATASHEET, REASON_ANCHOR, "At least four of the five churn reasons occur.",
          lambda w: float(len(churn_reasons(w))), at_least(4), unit="number"),
]
