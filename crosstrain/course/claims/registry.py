"""What a claim about the data is: where it is stated, how to measure it, what it must be.

A claim ties a sentence in the project's prose (datasheet, lessons, hints, notes) to a
statistic computed on a loaded world and the range it must fall in on every seed, so the
prose cannot drift away from the data unnoticed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from crosstrain.paths import PROJECT_ROOT

UNITS = ("share", "ratio", "money", "days", "hours", "number")


@dataclass(frozen=True)
class Expected:
    """A closed range; either end may be open (None)."""

    low: float | None = None
    high: float | None = None

    def holds(self, value: float) -> bool:
        if value is None or math.isnan(value):
            return False
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


def between(low: float, high: float) -> Expected:
    return Expected(low, high)


def at_least(low: float) -> Expected:
    return Expected(low, None)


def at_most(high: float) -> Expected:
    return Expected(None, high)


@dataclass(frozen=True)
class Claim:
    """One quantitative statement about the data and its proof.

    ``where`` is a file relative to the project root and ``anchor`` a phrase that must
    appear in it, so a reworded sentence forces a look at its claim. ``pending`` names
    the work that will make a known-false statement true: such a claim is measured and
    shown but not required to hold.
    """

    id: str
    where: str
    anchor: str
    statement: str
    statistic: Callable[[object], float]
    expected: Expected
    unit: str = "share"
    pending: str | None = None

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"claim {self.id}: unit '{self.unit}' is not one of {', '.join(UNITS)}")

    def anchored(self) -> bool:
        """Does the file it names still contain its anchor phrase?"""
        path = PROJECT_ROOT / self.where
        return path.is_file() and self.anchor in path.read_text(encoding="utf-8")


def restated(claim: Claim, id: str, where: str, anchor: str, expected: Expected | None = None) -> Claim:
    """The same statistic stated again elsewhere (a memo, a lesson), perhaps with its own range."""
    return replace(claim, id=id, where=where, anchor=anchor, expected=expected or claim.expected)
