"""An answer with one value per key: a count, a share or an amount per team, stage or segment."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class ByKey:
    """One value per key (a dict, or a pandas Series indexed by the keys).

    ``value`` is ``"count"`` (whole numbers, exact), ``"share"`` (between 0 and 1, within
    ``tolerance``) or ``"amount"`` (within ``rel_tolerance``). Partial credit: the share
    of the expected keys whose value is right. Extra keys earn nothing and cost nothing,
    but the sanity check names them.
    """

    keys: Callable[[Any], list[str]]
    value: str
    of: str = "key"
    what: str = "value"
    tolerance: float = 1e-6
    rel_tolerance: float = 1e-6

    def sanity(self, answer: Any, world) -> str | None:
        items = _as_dict(answer)
        if items is None:
            return (f"Your answer is a {type(answer).__name__}, but the question asks for one {self.what} per {self.of}: "
                    f"a dict like {{'{self.keys(world)[0]}': ...}} or a pandas Series indexed by {self.of}.")
        keys = self.keys(world)
        missing = [k for k in keys if k not in items]
        if missing:
            return f"Your answer has no {self.what} for {', '.join(map(repr, missing))}: give one for each {self.of} ({', '.join(keys)})."
        extra = [k for k in items if k not in keys]
        if extra:
            return f"{', '.join(map(repr, extra))} is not a {self.of} in this world: keep only {', '.join(keys)}."
        for key in keys:
            problem = self._value_problem(key, items[key])
            if problem:
                return problem
        return None

    def _value_problem(self, key: str, value: Any) -> str | None:
        if type(value) not in (int, float) or isinstance(value, bool):
            return f"The {self.what} for '{key}' is a {type(value).__name__}, but it should be a number."
        if not math.isfinite(value):
            return f"The {self.what} for '{key}' is {value}: did you divide by zero or by an empty selection?"
        if value < 0:
            return f"The {self.what} for '{key}' is negative: a {self.what} cannot be."
        if self.value == "count" and type(value) is not int:
            return f"The {self.what} for '{key}' is a decimal number, but a count is a whole number (.size(), len(...) or value_counts() give one)."
        if self.value == "share" and value > 1:
            return f"The {self.what} for '{key}' is {value:.4g}, but a rate is a share between 0 and 1: did you multiply by 100, or forget to divide?"
        return None

    def score(self, answer: Any, expected: Any) -> float:
        items = _as_dict(answer)
        if items is None or not expected:
            return 0.0
        right = sum(1 for key, want in expected.items() if key in items and self._same(items[key], want))
        return right / len(expected)

    def _same(self, got: Any, want: Any) -> bool:
        if type(got) not in (int, float) or isinstance(got, bool) or not math.isfinite(got):
            return False
        if self.value == "count":
            return type(got) is int and got == want
        if self.value == "share":
            return abs(got - want) <= self.tolerance
        return math.isclose(got, want, rel_tol=self.rel_tolerance, abs_tol=1e-9)


def _as_dict(answer: Any) -> dict | None:
    """A dict or a Series as a plain dict of Python values; None for anything else."""
    if isinstance(answer, pd.Series):
        return dict(zip(answer.index.tolist(), answer.tolist()))
    if type(answer) is dict:
        return answer
    return None
