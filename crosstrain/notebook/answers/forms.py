"""Equivalent forms: the other shapes of a right answer that a lesson says it accepts.

A lesson writes "a Series (or dict)", "decimal days, or whole days with ``.dt.days``",
"whole-day ages are accepted too". Each such sentence is a ``Form``: a way to turn the
right answer, as the grader computes it, into what a learner who took that road hands in.
An exercise's forms (``forms_of``) are the ones every answer of its kind has, then its own
``Exercise.accepts``; and ``tests/notebook/exercises/test_equivalent_forms.py`` proves each
earns full marks, so a lesson's promise cannot drift from its grader.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Form:
    """One accepted way to write the answer: ``make(expected, world)`` gives it."""

    name: str
    make: Callable[[Any, Any], Any]


def _series(expected: dict, world) -> pd.Series:
    return pd.Series(expected)


def _reordered(expected: dict, world) -> dict:
    return dict(reversed(list(expected.items())))


def _parts_as_series(expected: dict, world) -> dict:
    return {key: pd.Series(value) if isinstance(value, dict) else value for key, value in expected.items()}


def _numpy(expected: Any, world) -> Any:
    return np.int64(expected) if type(expected) is int else np.float64(expected)


SERIES = Form("a Series instead of a dict", _series)
REORDERED = Form("the labels in another order", _reordered)
PARTS_AS_SERIES = Form("each part a Series instead of a dict", _parts_as_series)
NUMPY_SCALAR = Form("a numpy number (what pandas' len, sum and mean give)", _numpy)

#: Whole days, as the Days kind computes them: (median in decimal days, median of whole days).
DAYS_ONE_DECIMAL = Form("decimal days rounded to one decimal", lambda e, w: round(e[0], 1))
DAYS_MEDIAN_DAYS = Form("Timedelta median's .days (the whole day below)", lambda e, w: math.floor(e[0]))
DAYS_ROUNDED = Form("decimal days rounded to the whole day", lambda e, w: float(round(e[0])))
DAYS_OF_WHOLE_DAYS = Form("the median of whole days (.dt.days.median())", lambda e, w: e[1])
DAYS_DECIMAL = Form("decimal days", lambda e, w: e[0])
WHOLE_DAYS = (DAYS_DECIMAL, DAYS_ONE_DECIMAL, DAYS_MEDIAN_DAYS, DAYS_ROUNDED, DAYS_OF_WHOLE_DAYS)


def by_kind(kind: Any, expected: Any) -> tuple[Form, ...]:
    """The forms every answer of this kind is accepted in, whatever the lesson: labelled
    numbers ("a Series (or dict)") in any order and shape, numbers as numpy gives them."""
    if isinstance(expected, dict) and expected and all(isinstance(v, dict) for v in expected.values()):
        return (PARTS_AS_SERIES, REORDERED)
    if isinstance(expected, dict) and expected and all(_number(v) for v in expected.values()) and type(kind).__name__ != "Parts":
        return (SERIES, REORDERED)
    if isinstance(expected, dict):
        return (REORDERED,)
    if _number(expected):
        return (NUMPY_SCALAR,)
    return ()


def forms_of(exercise, world) -> tuple[Form, ...]:
    """Every equivalent form of ``exercise``'s right answer on ``world``: its kind's, then its own."""
    return by_kind(exercise.kind, exercise.expected(world)) + tuple(exercise.accepts)


def _number(value: Any) -> bool:
    return type(value) in (int, float)
