"""Every quantitative statement the project makes about its data, with its proof.

``CLAIMS`` lists them all; ``crosstrain data claims`` and tests/course/test_claims.py
evaluate them on many seeds so prose and data cannot drift apart.
"""

from __future__ import annotations

from crosstrain.course.claims import (
    after_close,
    buying,
    channel_returns,
    conversations,
    deals,
    equivalences,
    funnel,
    marketing,
    objections,
    ownership,
    people,
    pipeline,
    plan,
    retention,
    scoring,
    speed,
)
from crosstrain.course.claims.registry import Claim, Expected, at_least, at_most, between

CLAIMS: list[Claim] = [
    *funnel.CLAIMS, *speed.CLAIMS, *marketing.CLAIMS, *deals.CLAIMS, *pipeline.CLAIMS,
    *objections.CLAIMS, *conversations.CLAIMS, *people.CLAIMS, *buying.CLAIMS, *equivalences.CLAIMS,
    *after_close.CLAIMS, *channel_returns.CLAIMS, *ownership.CLAIMS, *plan.CLAIMS, *retention.CLAIMS,
    *scoring.CLAIMS
]

__all__ = ["CLAIMS", "Claim", "Expected", "at_least", "at_most", "between"]
