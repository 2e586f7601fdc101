"""Derived tables several claims share, computed once per loaded world.

Plain pandas on the world's tables, as a lesson would write it, so a claim's proof reads
like the analysis a learner is asked to do.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import wraps

import numpy as np
import pandas as pd

from crosstrain.world.schema import new_business as new_business_deals

BUCKETS = [-np.inf, 5 / 60, 0.5, 1, 24, np.inf]
BUCKET_LABELS = ["<5 min", "5-30 min", "30-60 min", "1-24 h", ">24 h"]
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def per_world(compute: Callable) -> Callable:
    """Compute once per world object; the world's own tables are already cached."""

    @wraps(compute)
    def cached(world):
        slot = _CACHE.setdefault(world, {})
        if compute.__name__ not in slot:
            slot[compute.__name__] = compute(world)
        return slot[compute.__name__]

    return cached


def rate(flags: pd.Series) -> float:
    """Share of True in a boolean series (nan when empty)."""
    return float(flags.mean()) if len(flags) else float("nan")


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def odds(p: float) -> float:
    return p / (1 - p) if p < 1 else float("inf")


@per_world
def inbound(world) -> pd.DataFrame:
    leads = world.leads
    return leads[leads["source_channel"] != "outbound"]


@per_world
def mqls(world) -> pd.DataFrame:
    """MQLs with the hours to first response and its bucket (``never`` when unanswered)."""
    leads = world.leads
    mql = leads[leads["mql_at"].notna()].copy()
    mql["hours"] = (mql["first_response_at"] - mql["mql_at"]).dt.total_seconds() / 3600
    bucket = pd.cut(mql["hours"], BUCKETS, labels=BUCKET_LABELS).astype("str")
    mql["bucket"] = bucket.where(mql["hours"].notna(), "never")
    mql["sql"] = mql["sql_at"].notna()
    return mql


@per_world
def first_calls(world) -> pd.DataFrame:
    """Each MQL's first SDR call: minutes after the MQL, and whether it connected."""
    acts = world.activities
    calls = acts[(acts["type"] == "call") & acts["lead_id"].notna()].sort_values("occurred_at", kind="stable")
    first = calls.drop_duplicates("lead_id").merge(world.leads[["lead_id", "mql_at"]], on="lead_id")
    first = first[first["mql_at"].notna()]
    return pd.DataFrame({"minutes": (first["occurred_at"] - first["mql_at"]).dt.total_seconds() / 60,
                         "connected": first["outcome"] == "connected"})


@per_world
def first_conversation(world) -> pd.Series:
    """Per lead, the time of its first two-way conversation: a connected call or a held meeting."""
    acts = world.activities
    talk = acts[acts["lead_id"].notna() & ((acts["outcome"] == "connected") | (acts["outcome"] == "held"))]
    return talk.groupby("lead_id")["occurred_at"].min()


@per_world
def new_business(world) -> pd.DataFrame:
    """Deals won or lost for a new customer: what every claim about deals means (expansions of
    existing customers are the CSMs' and have claims of their own)."""
    return new_business_deals(world.opportunities)


@per_world
def closed(world) -> pd.DataFrame:
    deals = new_business(world)
    return deals[deals["is_closed"]]


@per_world
def won(world) -> pd.DataFrame:
    deals = closed(world)
    return deals[deals["is_won"]]


@per_world
def slips(world) -> pd.Series:
    """Close-date increases per deal, from opportunity_history (0 for deals that never slipped)."""
    history = world.opportunity_history.sort_values(["opportunity_id", "changed_at"], kind="stable")
    later = history["close_date"] > history.groupby("opportunity_id")["close_date"].shift()
    counts = later.groupby(history["opportunity_id"]).sum()
    return counts.reindex(new_business(world)["opportunity_id"], fill_value=0)


@per_world
def objections(world) -> pd.DataFrame:
    """Objection notes joined to their closed deal, with the discount-first flag."""
    notes = world.call_notes
    found = notes[notes["objection_category"].notna()]
    deals = closed(world)[["opportunity_id", "is_won", "amount", "segment"]]
    joined = found.merge(deals, on="opportunity_id")
    rep_said = joined["text"].str.split('Rep: "', n=1).str[-1]
    joined["discount_first"] = rep_said.str.contains("% off", regex=False)
    joined["strong"] = joined["response_quality"] == "strong"
    return joined


@per_world
def deal_replies(world) -> pd.DataFrame:
    """One row per closed deal with objections: all replies strong? any discount-first?"""
    notes = objections(world)
    return notes.groupby("opportunity_id").agg(
        is_won=("is_won", "first"), amount=("amount", "first"), segment=("segment", "first"),
        all_strong=("strong", "all"),
        discount_first=("discount_first", "any"),
    )
