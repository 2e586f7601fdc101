"""Answer kinds: what shape an answer has, its sanity checks and how it is scored.

Each kind compares *decoded plain values* (see ``capture``): exact built-in types, a
tolerance for floats, never the answer object's own ``__eq__``. Scoring is pure and
deterministic so the grader can redo it out of the learner's kernel.
Sanity messages speak to a new hire and never contain the expected value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def type_name(value: Any) -> str:
    return {int: "a whole number", float: "a decimal number", str: "a text", bool: "True/False",
            dict: "a dict", list: "a list", tuple: "a tuple"}.get(type(value), f"a {type(value).__name__}")


def _is_number(value: Any) -> bool:
    return type(value) in (int, float)


def _exact(answer: Any, expected: Any, kind: type) -> float:
    """1.0 for an answer of exactly type ``kind`` equal to the expected value, else 0.0."""
    return float(type(answer) is kind and answer == expected)


def _not_a_number(answer: Any, what: str) -> str | None:
    """What to tell a learner whose answer is not a finite number (None if it is one)."""
    if not _is_number(answer):
        return f"Your answer is {type_name(answer)}, but {what} is a number."
    if not math.isfinite(answer):
        return f"Your answer is {answer}: {what} is a finite number. Did you divide by zero, or take an empty selection?"
    return None


@dataclass(frozen=True)
class Count:
    """A whole number, e.g. how many leads; must match exactly."""

    of: str = "rows"

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is float and answer.is_integer():
            return f"Your answer is {answer}, a decimal number: a count of {self.of} is a whole number (len(...) or .sum() give one)."
        if type(answer) is not int:
            return f"Your answer is {type_name(answer)}, but a count of {self.of} is a whole number."
        if answer < 0:
            return f"Your count is {answer}: a count of {self.of} cannot be negative."
        return None

    def score(self, answer: Any, expected: Any) -> float:
        return _exact(answer, expected, int)


@dataclass(frozen=True)
class Share:
    """A share between 0 and 1 (a rate), compared within ``tolerance``."""

    of: str = "the rows"
    tolerance: float = 1e-6

    def sanity(self, answer: Any, world) -> str | None:
        if problem := _not_a_number(answer, "a rate (a number between 0 and 1)"):
            return problem
        if 1 < answer <= 100 and type(answer) is float:
            return f"Your rate is {answer:.4g}, but a rate is a share between 0 and 1: did you multiply by 100, or forget to divide by {self.of}?"
        if answer > 1:
            return f"Your rate is {answer:.4g}, but a rate is a share between 0 and 1: did you divide by {self.of}?"
        if answer < 0:
            return f"Your rate is {answer:.4g}: a share cannot be negative."
        return None

    def score(self, answer: Any, expected: Any) -> float:
        return float(_is_number(answer) and math.isfinite(answer) and abs(answer - expected) <= self.tolerance)


@dataclass(frozen=True)
class Amount:
    """A money amount or other measure, compared within a relative tolerance."""

    of: str = "the amount"
    rel_tolerance: float = 1e-6

    def sanity(self, answer: Any, world) -> str | None:
        if problem := _not_a_number(answer, self.of):
            return problem
        if answer < 0:
            return f"Your answer is {answer:,.2f}: {self.of} cannot be negative."
        return None

    def score(self, answer: Any, expected: Any) -> float:
        return float(_is_number(answer) and math.isclose(answer, expected, rel_tol=self.rel_tolerance, abs_tol=1e-9))


@dataclass(frozen=True)
class Label:
    """One label among the values a column holds (a channel, a stage...)."""

    of: str = "label"
    choices: Callable[[Any], list[str]] | None = None  # the valid labels in a world

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not str:
            return f"Your answer is {type_name(answer)}, but the question asks for a {self.of} name (a text such as 'webinar')."
        if self.choices is not None and world is not None and answer not in self.choices(world):
            return f"'{answer}' is not a {self.of} in this world: copy the name exactly as the data spells it."
        return None

    def score(self, answer: Any, expected: Any) -> float:
        return _exact(answer, expected, str)


@dataclass(frozen=True)
class Mapping:
    """A dict from given keys to labels; partial credit: the share of keys right."""

    keys: tuple[str, ...]
    values: tuple[str, ...]
    of: str = "entry"

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not dict:
            return f"Your answer is {type_name(answer)}, but the question asks for a dict like {{'{self.keys[0]}': '...'}}."
        missing = [k for k in self.keys if k not in answer]
        if missing:
            return f"Your dict has no {self.of} for {', '.join(map(repr, missing))}: give one for each of {', '.join(self.keys)}."
        odd = sorted({repr(v) for k, v in answer.items() if k in self.keys and v not in self.values})
        if odd:
            return f"{', '.join(odd)} is not one of the allowed answers: use {', '.join(map(repr, self.values))}."
        return None

    def score(self, answer: Any, expected: Any) -> float:
        if type(answer) is not dict:
            return 0.0
        right = sum(1 for k in self.keys if type(answer.get(k)) is str and answer.get(k) == expected[k])
        return right / len(self.keys)
