"""What module 09 teaches, computed the way its exercise table grades it.

Retention follows the usual SaaS definitions over a 12-month window ending at the
reference date, on the subscriptions that were customers when it opened:
NRR = their ARR now / their ARR then (expansion, contraction and churn count; new
customers do not); GRR = the same with each subscription capped at its ARR then (a
customer can only lose). ARR at a date is the ``arr_after`` of a subscription's last
event on or before it.
"""

from __future__ import annotations

import pandas as pd

from crosstrain.course.retention import cohort_arr
from crosstrain.world.schema import new_business

MODULE = "09-retention"
SEGMENTS = ("smb", "mid_market", "enterprise")
HANDOFF_FLAGS = {"economic_buyer": "has_economic_buyer", "champion": "has_champion",
                 "metrics": "has_metrics", "identified_pain": "has_identified_pain"}
DISCOUNT_HEAVY = 20.0  # discount_pct of 20 and more: module 06's "20_plus" band
SIGNALS = ("discount_heavy", "no_economic_buyer", "no_champion", "none")


def window_start(world) -> pd.Timestamp:
    """The day the 12-month retention window opens."""
    return world.reference_date - pd.DateOffset(years=1)


def arr_at(events: pd.DataFrame, when) -> pd.Series:
    """Each subscription's ARR at a date: the arr_after of its last event on or before it."""
    before = events[events.occurred_at <= when].sort_values(["occurred_at", "event_id"])
    return before.groupby("subscription_id").arr_after.last()


def retention_table(world, cap: bool = False) -> pd.DataFrame:
    """The window's opening cohort (``crosstrain.course.retention``'s, the datasheet's):
    ARR then and now (capped at then when ``cap``) per subscription."""
    cohort = cohort_arr(world)
    now = cohort.end_arr.clip(upper=cohort.start_arr) if cap else cohort.end_arr
    return pd.DataFrame({"segment": cohort.segment, "then": cohort.start_arr, "now": now})


def by_segment(table: pd.DataFrame, numerator: str = "now", denominator: str = "then") -> dict[str, float]:
    sums = table.groupby("segment")[[numerator, denominator]].sum()
    return {s: float(sums.loc[s, numerator] / sums.loc[s, denominator]) for s in SEGMENTS if s in sums.index}


def nrr_by_segment(world) -> dict[str, float]:
    return by_segment(retention_table(world))


def grr_by_segment(world) -> dict[str, float]:
    return by_segment(retention_table(world, cap=True))


def start_quarter(subscriptions: pd.DataFrame) -> pd.Series:
    """A subscription's cohort: the quarter it started, as text ('2025Q3')."""
    return subscriptions.start_date.dt.to_period("Q").astype(str)


def cohort_nrr(subscriptions: pd.DataFrame) -> dict[str, float]:
    """Per start-quarter cohort: ARR now / ARR at the start, churned subscriptions included (at 0)."""
    sums = subscriptions.groupby(start_quarter(subscriptions))[["arr", "arr_start"]].sum()
    return {str(y): float(sums.loc[y, "arr"] / sums.loc[y, "arr_start"]) for y in sums.index}


def with_deal(world) -> pd.DataFrame:
    """Each subscription with its won deal's sale-time fields."""
    deals = world.opportunities.drop(columns=["account_id", "segment"])
    return world.subscriptions.merge(deals, on="opportunity_id", how="left")


def handoff_gaps(subscriptions_with_deal: pd.DataFrame) -> dict[str, float]:
    """Share of new customers whose deal closed without each item the handoff needs."""
    return {item: float((~subscriptions_with_deal[flag].astype(bool)).mean()) for item, flag in HANDOFF_FLAGS.items()}


def renewal_due(world) -> pd.DataFrame:
    """Subscriptions whose first renewal date has come (churned or renewed at least once)."""
    subs = with_deal(world)
    first = subs.apply(lambda r: r.start_date + pd.DateOffset(months=int(r.term_months)), axis=1)
    return subs[first <= world.reference_date]


def signal_masks(subs: pd.DataFrame) -> dict[str, pd.Series]:
    heavy = subs.discount_pct >= DISCOUNT_HEAVY
    no_eb, no_champ = ~subs.has_economic_buyer.astype(bool), ~subs.has_champion.astype(bool)
    return {"discount_heavy": heavy, "no_economic_buyer": no_eb, "no_champion": no_champ,
            "none": ~(heavy | no_eb | no_champ)}


def churn_by_signal(subs: pd.DataFrame) -> dict[str, float]:
    """Share churned among the subscriptions with each sale-time signal (and with none)."""
    churned = subs.status == "churned"
    return {name: float(churned[mask].mean()) for name, mask in signal_masks(subs).items()}


def expansion_deals(opportunities: pd.DataFrame) -> pd.DataFrame:
    return opportunities[opportunities.type == "expansion"]


def closed_in_window(world, deals: pd.DataFrame | None = None) -> pd.DataFrame:
    """Closed deals whose close_date falls in the 12-month window (after its first day)."""
    deals = world.opportunities if deals is None else deals
    return deals[deals.is_closed.astype(bool) & (deals.close_date > window_start(world)) & (deals.close_date <= world.reference_date)]


def amount_by_segment(deals: pd.DataFrame) -> dict[str, float]:
    """Summed amount per segment (every segment, 0 when it has none)."""
    sums = deals.groupby("segment").amount.sum()
    return {s: float(sums.get(s, 0.0)) for s in SEGMENTS}


def won_expansion(world) -> dict[str, float]:
    """Expansion won in the window, per segment: the ARR customer success added."""
    deals = closed_in_window(world, expansion_deals(world.opportunities))
    return amount_by_segment(deals[deals.is_won.astype(bool)])


def lost_new_business(opportunities: pd.DataFrame) -> pd.DataFrame:
    deals = new_business(opportunities)
    return deals[deals.is_closed.astype(bool) & ~deals.is_won.astype(bool)]


def objections_of(notes: pd.DataFrame, deals: pd.DataFrame, once_a_deal: bool = True) -> dict[str, int]:
    """Per objection category: the number of those deals on whose calls it was raised (once a deal)."""
    raised = notes[notes.objection_category.notna() & notes.opportunity_id.isin(deals.opportunity_id)]
    if once_a_deal:
        raised = raised.drop_duplicates(["opportunity_id", "objection_category"])
    counts = raised.objection_category.value_counts()
    return {str(k): int(v) for k, v in counts.sort_index().items()}
