"""Answers that are a table of rates (one per funnel step or group) or a ranking of labels."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd


def _as_dict(answer: Any) -> Any:
    if isinstance(answer, pd.Series):
        return {str(k): (v.item() if hasattr(v, "item") else v) for k, v in answer.items()}
    return answer


def _number(value: Any) -> bool:
    return type(value) in (int, float)


@dataclass(frozen=True)
class RateTable:
    """A rate between 0 and 1 for each named part; partial credit: the share of parts right.

    The parts are ``keys``, or those of the expected value when ``keys`` is empty (with
    ``keys_of(world)`` naming them for the sanity check). Takes a dict or a Series
    indexed by the part names. A part whose expected rate is
    undefined (an empty group, NaN) is right when the answer leaves it out or gives NaN.
    """

    keys: tuple[str, ...] = ()
    of: str = "part"
    tolerance: float = 1e-6
    keys_of: Callable[[Any], tuple[str, ...]] | None = None  # when the parts depend on the world

    def _keys(self, world) -> tuple[str, ...]:
        return tuple(self.keys_of(world)) if self.keys_of is not None and world is not None else self.keys

    def sanity(self, answer: Any, world) -> str | None:
        keys = self._keys(world)
        answer = _as_dict(answer)
        if type(answer) is not dict:
            return f"Your answer is a {type(answer).__name__}, but the question asks for a dict (or a Series) like {{'{keys[0]}': 0.5, ...}}."
        missing = [k for k in keys if k not in answer]
        if len(missing) > 3:
            return f"Your answer has no rate for {len(missing)} of the {len(keys)} {self.of}s, e.g. {missing[0]!r}: give one for each (a {self.of} with nothing to divide by may be left out)."
        if missing:
            return f"Your answer has no rate for the {self.of} {', '.join(map(repr, missing))}: give one for each of {', '.join(map(repr, keys))}."
        for key in keys:
            value = answer[key]
            if not _number(value):
                return f"The rate for {key!r} is not a number: each rate is a share between 0 and 1."
            if math.isfinite(value) and (value < 0 or value > 1):
                return f"The rate for {key!r} is {value:.4g}, but a rate is a share between 0 and 1: did you multiply by 100, or divide by the wrong count?"
        return None

    def score(self, answer: Any, expected: dict) -> float:
        answer = _as_dict(answer)
        if type(answer) is not dict:
            return 0.0
        keys = self.keys or tuple(expected)
        right = 0
        for key in keys:
            want, got = expected[key], answer.get(key)
            if isinstance(want, float) and math.isnan(want):
                right += got is None or (type(got) is float and math.isnan(got))
            elif _number(got) and math.isfinite(got) and abs(got - want) <= self.tolerance:
                right += 1
        return right / len(keys)


@dataclass(frozen=True)
class RankedLabels:
    """The top ``n`` labels, most common first; partial credit per position.

    ``expected`` is the full ranking ``[[label, count], ...]``; a position is right when
    the answer's label there has that position's count, so ties are either way right.
    """

    n: int
    of: str = "label"

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) not in (list, tuple):
            return f"Your answer is a {type(answer).__name__}, but the question asks for a list of {self.n} {self.of} names, e.g. .index[:{self.n}].tolist()."
        if len(answer) != self.n:
            return f"Your list has {len(answer)} items: give exactly {self.n} {self.of} names, most common first."
        if any(type(a) is not str for a in answer):
            return f"Each item should be a {self.of} name (a text), copied exactly as the data spells it."
        if len(set(answer)) != len(answer):
            return "Your list names a reason twice: each position should be a different one."
        return None

    def score(self, answer: Any, expected: list) -> float:
        if type(answer) not in (list, tuple) or len(answer) != self.n or any(type(a) is not str for a in answer) \
                or len(set(answer)) != self.n:  # a list of [label, count] pairs, say: not a ranking of names
            return 0.0
        counts = {label: count for label, count in expected}
        wanted = [count for _, count in expected[: self.n]]
        right = sum(1 for label, count in zip(answer, wanted) if type(label) is str and counts.get(label) == count)
        return right / self.n
