"""Answers with a number per label (a channel, a segment, a rep), dicts of named parts, and
durations in days: used by several modules' exercises.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from crosstrain.notebook.answers.scalars import Amount, type_name


def as_dict(answer: Any) -> Any:
    """A decoded Series becomes ``{label: value}``; anything else is left alone."""
    if isinstance(answer, pd.Series):
        return {k: (v.item() if hasattr(v, "item") else v) for k, v in answer.items()}
    return answer


def _same(a: Any, b: Any, rel: float) -> bool:
    if type(a) not in (int, float) or type(b) not in (int, float):
        return False
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


@dataclass(frozen=True)
class ByLabel:
    """A number per label (a Series or a dict): one value per channel, segment or rep.

    Partial credit: the share of labels whose value is right, out of the expected labels
    plus any extra ones the answer adds.
    """

    labels: Callable[[Any], list[str]]
    of: str = "channel"
    measure: str = "value"
    share: bool = False
    negative_ok: bool = False
    rel_tolerance: float = 1e-6
    extra_hint: str = ""

    def sanity(self, answer: Any, world) -> str | None:
        answer = as_dict(answer)
        if type(answer) is not dict:
            return f"Your answer is {type_name(answer)}, but the question asks for a Series (or dict) with one {self.measure} per {self.of}."
        if any(type(k) is not str for k in answer):
            return f"The labels of your answer are not {self.of} names: keep the {self.of} as the index (a groupby on it does that)."
        expected = list(self.labels(world))
        missing = [k for k in expected if k not in answer]
        if missing:
            return f"Your answer has no {self.measure} for {', '.join(map(repr, missing))}: give one for every {self.of} asked for.{self.extra_hint}"
        extra = [k for k in answer if k not in expected]
        if extra:
            return f"Your answer has entries the question does not ask for ({', '.join(map(repr, extra))}): keep only {', '.join(map(repr, expected))}."
        for key, value in answer.items():
            if type(value) not in (int, float):
                return f"The {self.measure} for {key!r} is {type_name(value)}, but it should be a number."
            if not math.isfinite(value):
                return f"The {self.measure} for {key!r} is {value}: did you divide by zero or by an empty selection?"
            if self.share and value > 1:
                return f"The {self.measure} for {key!r} is {value:.4g}, but a rate is a share between 0 and 1: did you multiply by 100, or divide the wrong way round?"
            if value < 0 and not self.negative_ok:
                return f"The {self.measure} for {key!r} is {value:.4g}: it cannot be negative."
        return None

    def score(self, answer: Any, expected: Any) -> float:
        answer = as_dict(answer)
        if type(answer) is not dict or type(expected) is not dict or not expected:
            return 0.0
        right = sum(1 for k, v in expected.items() if k in answer and type(k) is str and _same(answer[k], v, self.rel_tolerance))
        return right / len(set(expected) | set(answer))


@dataclass(frozen=True)
class Parts:
    """A dict of named parts, each with its own kind; partial credit: the mean of the parts."""

    parts: tuple[tuple[str, Any], ...]

    def sanity(self, answer: Any, world) -> str | None:
        keys = [k for k, _ in self.parts]
        if type(answer) is not dict:
            return f"Your answer is {type_name(answer)}, but the question asks for a dict with the keys {', '.join(map(repr, keys))}."
        missing = [k for k in keys if k not in answer]
        if missing:
            return f"Your dict has no {', '.join(map(repr, missing))}: give each of {', '.join(map(repr, keys))}."
        for key, kind in self.parts:
            problem = kind.sanity(answer[key], world)
            if problem:
                return f"{key}: {problem}"
        return None

    def score(self, answer: Any, expected: Any) -> float:
        if type(answer) is not dict or type(expected) is not dict:
            return 0.0
        return sum(kind.score(answer.get(key), expected[key]) for key, kind in self.parts) / len(self.parts)


@dataclass(frozen=True)
class Days:
    """A duration in days. Decimal days or whole days (``.dt.days``) are both accepted:
    the expected value is the pair (median of decimal days, median of whole days).

    Each of the two is also accepted rounded to one decimal, or as the whole day either
    side of it (``.median().days`` cuts, ``round`` may go up): a lesson that accepts whole
    days accepts every usual way to get them. Nothing further: a day beyond is wrong.
    """

    of: str = "the cycle length"
    rel_tolerance: float = 1e-6

    def sanity(self, answer: Any, world) -> str | None:
        if isinstance(answer, pd.Timedelta):
            return "Your answer is a Timedelta: give a number of days (divide by pd.Timedelta(days=1), or use .dt.days)."
        return Amount(of=self.of).sanity(answer, world)

    def score(self, answer: Any, expected: Any) -> float:
        return float(any(_same(answer, e, self.rel_tolerance) or _rounded(answer, e) for e in expected))


def _rounded(answer: Any, exact: Any) -> bool:
    """``answer`` is ``exact`` rounded to one decimal, or a whole day either side of it."""
    if type(answer) not in (int, float) or type(exact) not in (int, float) or not math.isfinite(answer) or not math.isfinite(exact):
        return False
    return abs(answer - exact) <= 0.05 + 1e-9 or answer in (math.floor(exact), math.ceil(exact))
