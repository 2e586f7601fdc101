"""The registry of exercise objects, one file per module.

``get("00-orientation", "q1")`` returns the exercise the batch grader re-scores with,
out of the learner's kernel; ``exercises_of(module_id)`` gives a module's exercises in
order. Register a new module by adding it to ``MODULES``.
"""

from __future__ import annotations

from importlib import import_module

from crosstrain.errors import CrosstrainError
from crosstrain.learn.exercise import Exercise

MODULES = {
    "00-orientation": "crosstrain.exercises.orientation",
    "01-two-teams": "crosstrain.exercises.two_teams",
    "02-measuring": "crosstrain.exercises.measuring",
    "03-funnel-handoff": "crosstrain.exercises.funnel_handoff",
    "04-lead-scoring": "crosstrain.exercises.lead_scoring",
    "05-objections": "crosstrain.exercises.objections",
    "06-pipeline": "crosstrain.exercises.pipeline",
    "07-attribution": "crosstrain.exercises.attribution",
    "08-alignment": "crosstrain.exercises.alignment",
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
