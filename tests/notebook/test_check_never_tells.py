"""Practice mode: a self-check says right or wrong, and never prints the expected value.

For every exercise of every module, on the tiny world, the messages ``check`` gives for
each known mistake and for a few wrong answers of every shape must not contain the
expected value, or any number of it, as the learner would read it.
"""

from __future__ import annotations

import math

import pytest

from crosstrain.notebook.capture import as_plain
from crosstrain.notebook.exercises import MODULES, exercises_of


def _numbers(value) -> set[float]:
    """Every number in a plain answer (dict values and keys, list items, scalars)."""
    if isinstance(value, bool):
        return set()
    if isinstance(value, (int, float)):
        return {value} if math.isfinite(value) else set()
    if isinstance(value, dict):
        return set().union(*(_numbers(v) for v in value.values()), set())
    if isinstance(value, (list, tuple)):
        return set().union(*(_numbers(v) for v in value), set())
    return set()


def _shown(number: float) -> set[str]:
    """The ways a message would print ``number`` (as is, rounded, as a percent)."""
    shown = {repr(number), f"{number:.4g}", f"{number:,.2f}", f"{number:.1%}", f"{number:.0%}"}
    return {s for s in shown if len(s.strip("0.%,-")) >= 2}  # a digit alone is in every sentence


@pytest.mark.parametrize("module", list(MODULES))
def test_check_never_prints_the_expected_value(module, tiny_world):
    told = []
    for exercise in exercises_of(module).values():
        expected = as_plain(exercise.expected(tiny_world))
        answers = [None, 0, -1.0, 12345.0, "", "nonsense", {}, [], {"x": 1}]
        answers += [mistake.compute(tiny_world) for mistake in exercise.mistakes]
        messages = [exercise.check(answer, tiny_world).message for answer in answers]
        wrong = [m for a, m in zip(answers, messages, strict=True) if exercise.share_right(a, tiny_world) < 1]
        needles = {s for n in _numbers(expected) for s in _shown(n)}
        if isinstance(expected, str) and expected not in exercise.question + str(getattr(exercise.kind, "of", "")):
            needles.add(expected)  # a label the question lists among its choices tells nothing
        told += [f"{exercise.name}: {needle!r} in {message!r}" for message in wrong for needle in needles if needle in message]
    assert told == []
