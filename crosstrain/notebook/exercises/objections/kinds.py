"""The answer kind only module 05 needs: the LAER steps each reply shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crosstrain.notebook.answers.scalars import type_name
from crosstrain.notebook.exercises.objections.formulas import (
    LAER_STEPS,
    REPLIES,
    steps_of,
)


@dataclass(frozen=True)
class StepLabels:
    """A dict from reply letter to the ';'-separated LAER steps it shows ('' for none).

    Order, case and spaces do not matter; partial credit: the share of replies whose set
    of steps is right.
    """

    letters: tuple[str, ...] = tuple(REPLIES)

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not dict:
            return f"Your answer is {type_name(answer)}, but the question asks for a dict like {{'A': 'acknowledge;explore', ...}}."
        missing = [k for k in self.letters if k not in answer]
        if missing:
            return f"Your dict has no steps for {', '.join(missing)}: give the steps of every reply {', '.join(self.letters)}."
        not_text = [k for k in self.letters if type(answer[k]) is not str]
        if not_text:
            return f"The steps of {', '.join(not_text)} are not a text: write them as one string, e.g. 'listen;acknowledge', or '' for none."
        unknown = sorted({s for k in self.letters for s in steps_of(answer[k]) if s not in LAER_STEPS})
        if unknown:
            return f"{', '.join(map(repr, unknown))} is not a LAER step: use {', '.join(map(repr, LAER_STEPS))}, separated by ';'."
        return None

    def score(self, answer: Any, expected: Any) -> float:
        if type(answer) is not dict or type(expected) is not dict or not expected:
            return 0.0
        right = sum(1 for k, v in expected.items() if type(answer.get(k)) is str and steps_of(answer[k]) == steps_of(v))
        return right / len(expected)
