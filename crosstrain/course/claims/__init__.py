"""Every quantitative statement the project makes about its data, with its proof.

``CLAIMS`` lists them all; ``crosstrain data claims`` and tests/course/test_claims.py
evaluate them on many seeds so prose and data cannot drift apart.
"""

from __future__ import annotations

from crosstrain.course.claims import (
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
    scoring,
    speed,
)
from crosstrain.course.claims.registry import Claim, Expected, at_least, at_most, between

CLAIMS: list[Claim] = [
    *funnel.CLAIMS, *speed.CLAIMS, *marketing.CLAIMS, *deals.CLAIMS, *pipeline.CLAIMS,
    *objections.CLAIMS, *conversations.CLAIMS, *people.CLAIMS, *buying.CLAIMS, *equivalences.CLAIMS,
    *ownership.CLAIMS, *channel_returns.CLAIMS, *scoring.CLAIMS, *plan.CLAIMS
]

__all__ = ["CLAIMS", "Claim", "Expected", "at_least", "at_most", "between"]
