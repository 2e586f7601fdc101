"""The blank in a release's answer cell: ``cohort_rates = ____``, as Kaggle's learntools does.

A release answer cell used to hold ``raise NotImplementedError()``, which stopped Run
All at the first exercise: no lesson chart or widget after it ran until the learner had
answered. Now the answer variable starts as ``____``: the cell runs, ``check`` says the
exercise is waiting for an answer, ``grade`` fails with that reason (a blank hand-in
still scores zero), and a lesson cell that draws the learner's answer says it will once
there is one (``BoundExercise.answered``).
"""

from __future__ import annotations

from typing import Any


class Placeholder:
    """The value of an answer nobody has written yet (one object: ``____``)."""

    _instance: Placeholder | None = None

    def __new__(cls) -> Placeholder:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____ (waiting for your answer)"


____ = Placeholder()


def is_placeholder(value: Any) -> bool:
    """Whether ``value`` is the blank (or still holds one, as in ``{"a": ____}``)."""
    if isinstance(value, Placeholder):
        return True
    if type(value) in (list, tuple):
        return any(is_placeholder(v) for v in value)
    if type(value) is dict:
        return any(is_placeholder(v) for v in value.values())
    return False


#: What the compiler writes above the solution of an answer cell: the release keeps it
#: and nbgrader replaces the solution with ``# YOUR CODE HERE``.
STARTER = "{variable} = ____  # replace ____ with your answer (more lines below are fine)"


def starter_line(variable: str) -> str:
    return STARTER.format(variable=variable)


def waiting_message(variable: str) -> str:
    """What ``check`` says, and why ``grade`` gives nothing, while the answer is blank."""
    return f"`{variable}` is still `____`, waiting for your answer: write it in the cell above and run both cells."
