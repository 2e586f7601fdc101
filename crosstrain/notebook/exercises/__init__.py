"""The registry of exercise objects, one folder per module.

``get("00-orientation", "q1")`` returns the exercise the batch grader re-scores with,
out of the learner's kernel; ``exercises_of(module_id)`` gives a module's exercises in
order. Each module's folder holds its ``formulas`` (what the lesson teaches), its
``lesson`` (what the notebook imports, no graded answer) and its ``table`` (the exercises); register a new module by adding its table to ``MODULES``.
"""

from __future__ import annotations

from importlib import import_module

from crosstrain.errors import CrosstrainError
from crosstrain.notebook.exercise import Exercise

MODULES = {
    "00-orientation": "crosstrain.notebook.exercises.orientation.table",
    "01-two-teams": "crosstrain.notebook.exercises.two_teams.table",
    "02-measuring": "crosstrain.notebook.exercises.measuring.table",
    "03-funnel-handoff": "crosstrain.notebook.exercises.funnel_handoff.table",
    "04-lead-scoring": "crosstrain.notebook.exercises.lead_scoring.table",
    "05-objections": "crosstrain.notebook.exercises.objections.table",
    "06-pipeline": "crosstrain.notebook.exercises.pipeline.table",
    "07-attribution": "crosstrain.notebook.exercises.attribution.table",
    "08-alignment": "crosstrain.notebook.exercises.alignment.table",
}


def exercises_of(module_id: str) -> dict[str, Exercise]:
    """A module's exercises by name, in the order they appear in the notebook."""
    if module_id not in MODULES:
        raise CrosstrainError(f"no exercises for module '{module_id}': known modules are {', '.join(MODULES)}")
    listed = import_module(MODULES[module_id]).EXERCISES
    return {exercise.name: exercise for exercise in listed}


def get(module_id: str, name: str) -> Exercise:
    """One exercise; a ``CrosstrainError`` names the module's exercises if it has no such one."""
    exercises = exercises_of(module_id)
    if name not in exercises:
        raise CrosstrainError(f"module {module_id} has no exercise '{name}': its exercises are {', '.join(exercises)}")
    return exercises[name]
