"""The answer kind only module 08 needs: a stage of the plan, named as ``vs_plan`` names it, or
"none" when no stage is below plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crosstrain.notebook.answers.scalars import Label, type_name
from crosstrain.notebook.exercises.alignment.formulas import GAP_STAGES, NO_GAP


@dataclass(frozen=True)
class StageName(Label):
    """A stage of the plan, named as the keys of ``vs_plan`` name it, or ``NO_GAP``."""

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not str:
            return f"Your answer is {type_name(answer)}, but the question asks for a stage name: one of the keys of vs_plan, as a text, or '{NO_GAP}'."
        if answer not in (*GAP_STAGES, NO_GAP):
            return f"'{answer}' is not a stage of the plan: use one of the keys of vs_plan, spelt the same way, or '{NO_GAP}'."
        return None
