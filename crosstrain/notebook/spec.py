"""An exercise as an assessment learner's kernel knows it: the question, never the answer.

In assessment mode the learner's install holds no exercise table (no expected values,
no known mistakes, no solutions): ``exercises_of`` then reads each module's
``spec.json``, which the trainer's ``crosstrain build`` wrote from the table. A spec
knows the question, the hint, the points and the answer kind, so ``check`` can say
whether the answer has the right type, shape and plausible values, and nothing more.
Scoring happens outside the learner's kernel (``crosstrain grade``).
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from crosstrain.notebook.answers.scalars import type_name
from crosstrain.notebook.capture import UnsafeAnswer, as_plain
from crosstrain.notebook.exercise import Feedback

SPEC_FILE = "spec.json"
#: What every assessment self-check says, so no learner mistakes it for a grade.
ONLY_SHAPE = ("this is an assessment: the self-check only looks at the type, shape and plausible range of your answer, "
              "not at whether it is right. Your trainer's grader scores it.")
NO_SOLUTION = "This is an assessment: solutions are not part of it. Your trainer goes through them after grading."
HANDED_IN = "answer recorded in the notebook; your trainer's grader scores it."


@dataclass(frozen=True)
class Fixed:
    """A kind's world-dependent list (valid keys, labels), frozen at build time."""

    value: Any

    def __call__(self, *_args) -> Any:
        return self.value


@dataclass(frozen=True)
class Shape:
    """The plain type (and size, for a dict or list) an answer must have: what an
    assessment checks when the module's own answer kind cannot ship without its answers."""

    type: str
    size: int | None = None
    of: str = "answer"

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer).__name__ != self.type and not (self.type == "float" and type(answer) is int):
            return f"Your {self.of} is {type_name(answer)}, but the question asks for {_NAMES.get(self.type, 'a ' + self.type)}."
        if self.size is not None and len(answer) != self.size:
            return f"Your {self.of} has {len(answer)} entries, but the question asks for {self.size}."
        return None


_NAMES = {"int": "a whole number", "float": "a number", "str": "a text", "dict": "a dict (or a pandas Series)",
          "list": "a list"}


@dataclass(frozen=True)
class ExerciseSpec:
    """The learner-facing half of an ``Exercise``: what is asked, and what shape fits."""

    module: str
    name: str
    variable: str
    question: str
    kind: Any
    hint_text: str
    points: float

    def check(self, answer: Any, world) -> Feedback:
        """Type, shape and plausibility only, and the message says so."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                problem = self.kind.sanity(as_plain(answer), world)
            except UnsafeAnswer as exc:
                problem = str(exc)
        if problem:
            return Feedback(False, f"{problem} (Note: {ONLY_SHAPE})")
        return Feedback(False, "the shape looks plausible, but " + ONLY_SHAPE)

    def hint(self) -> str:
        return self.hint_text

    def solution(self) -> str:
        return NO_SOLUTION


def load_specs(folder: Path) -> list[ExerciseSpec]:
    """The specs a build wrote into ``folder/spec.json``, in notebook order."""
    entries = json.loads((Path(folder) / SPEC_FILE).read_text(encoding="utf-8"))
    return [ExerciseSpec(e["module"], e["name"], e["variable"], e["question"], _kind(e["kind"]), e["hint"],
                         float(e["points"])) for e in entries]


def _kind(entry: dict) -> Any:
    """An answer kind rebuilt from its class path and fields (lists frozen as ``Fixed``)."""
    module, _, name = entry["class"].partition(":")
    fields = {k: _value(v) for k, v in entry["fields"].items()}
    return getattr(import_module(module), name)(**fields)


def _value(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"fixed"}:
        return Fixed(_value(value["fixed"]))
    if isinstance(value, list):
        return tuple(_value(v) for v in value)
    return value
