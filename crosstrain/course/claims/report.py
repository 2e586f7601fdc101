"""The claims table for people: one row per claim, its range across seeds, holds or not."""

from __future__ import annotations

from crosstrain.course.claims.evaluate import Outcome
from crosstrain.course.claims.fmt import expected, number

HEADER = ("claim", "stated in", "min", "max", "expected", "result")


def verdict(outcome: Outcome) -> str:
    if outcome.errors:
        return f"ERROR ({next(iter(outcome.errors.values()))})"
    if outcome.holds:
        return "holds"
    seeds = ", ".join(str(s) for s in outcome.failing_seeds[:5]) + (" ..." if len(outcome.failing_seeds) > 5 else "")
    if outcome.claim.pending:
        return f"pending ({outcome.claim.pending}); false on seeds {seeds}"
    return f"FAILS on seeds {seeds}"


def rows(outcomes: list[Outcome]) -> list[tuple[str, ...]]:
    return [(o.claim.id, o.claim.where, number(o.low, o.claim.unit), number(o.high, o.claim.unit),
             expected(o.claim.expected, o.claim.unit), verdict(o)) for o in outcomes]


def table(outcomes: list[Outcome]) -> str:
    lines = [HEADER, *rows(outcomes)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER) - 1)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)) + "  " + line[-1] for line in lines)


def summary(outcomes: list[Outcome], seeds: int) -> str:
    failing = [o.claim.id for o in outcomes if o.fails]
    pending = sum(1 for o in outcomes if o.claim.pending)
    if failing:
        return f"{len(failing)} of {len(outcomes)} claims fail on {seeds} seeds: {', '.join(failing)}; fix the prose or the data."
    return f"all {len(outcomes) - pending} claims hold on {seeds} seeds ({pending} pending, not yet required)."
