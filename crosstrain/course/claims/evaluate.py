"""Evaluate claims on many worlds and summarise each as its range across seeds."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from crosstrain.course.claims.registry import Claim


@dataclass
class Outcome:
    """One claim's values across the worlds it was measured on."""

    claim: Claim
    values: dict[int, float] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)

    @property
    def low(self) -> float:
        finite = [v for v in self.values.values() if not math.isnan(v)]
        return min(finite) if finite else float("nan")

    @property
    def high(self) -> float:
        finite = [v for v in self.values.values() if not math.isnan(v)]
        return max(finite) if finite else float("nan")

    @property
    def failing_seeds(self) -> list[int]:
        bad = [seed for seed, value in self.values.items() if not self.claim.expected.holds(value)]
        return sorted([*bad, *self.errors])

    @property
    def holds(self) -> bool:
        return bool(self.values) and not self.failing_seeds

    @property
    def fails(self) -> bool:
        """Failing counts only for claims that are meant to hold today."""
        return self.claim.pending is None and not self.holds


def measure(claim: Claim, world) -> float:
    return float(claim.statistic(world))


def evaluate(claims: Iterable[Claim], worlds: Iterable) -> list[Outcome]:
    """Measure every claim on every world (worlds are iterated once, so a generator may build them lazily)."""
    outcomes = [Outcome(claim) for claim in claims]
    for world in worlds:
        for outcome in outcomes:
            try:
                outcome.values[world.seed] = measure(outcome.claim, world)
            except Exception as exc:  # a broken statistic is a failing claim, reported with its reason
                outcome.errors[world.seed] = f"{type(exc).__name__}: {exc}"
    return outcomes
