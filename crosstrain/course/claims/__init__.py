"""Every quantitative statement the project makes about its data, with its proof.

``CLAIMS`` lists them all; ``crosstrain data claims`` and tests/course/test_claims.py
evaluate them on many seeds so prose and data cannot drift apart.
"""

from __future__ import annotations

from crosstrain.course.claims import (
    after_close,
    deals,
    equivalences,
    funnel,
    marketing,
    objections,
    people,
    pipeline,
    retention,
    speed,
)
from crosstrain.course.claims.registry import Claim, Expected, at_least, at_most, between

CLAIMS: list[Claim] = [*funnel.CLAIMS, *speed.CLAIMS, *marketing.CLAIMS, *deals.CLAIMS, *pipeline.CLAIMS,
                       *objections.CLAIMS, *people.CLAIMS, *equivalences.CLAIMS,
                       *retention.CLAIMS, *after_close.CLAIMS]

__all__ = ["CLAIMS", "Claim", "Expected", "at_least", "at_most", "between"]
