"""The registry of exercise objects, one folder per module.

``get("00-orientation", "q1")`` returns the exercise the batch grader re-scores with,
out of the learner's kernel; ``exercises_of(module_id)`` gives a module's exercises in
order. Each module's folder holds its ``formulas`` (what the lesson teaches), its
``lesson`` (what the notebook imports, no graded answer) and its ``table`` (the exercises);
register a new module by adding its table to ``MODULES``. In an assessment learner's
install the tables are absent and ``exercises_of`` gives the ``spec.json`` specs instead
(``crosstrain.notebook.spec``).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from crosstrain.errors import CrosstrainError
from crosstrain.notebook.exercise import Exercise
from crosstrain.notebook.spec import SPEC_FILE, ExerciseSpec, load_specs

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
    "09-retention": "crosstrain.notebook.exercises.retention.table",
}


def exercises_of(module_id: str) -> dict[str, Exercise | ExerciseSpec]:
    """A module's exercises by name, in the order they appear in the notebook."""
    if module_id not in MODULES:
        raise CrosstrainError(f"no exercises for module '{module_id}': known modules are {', '.join(MODULES)}")
    table = MODULES[module_id]
    try:
        listed = import_module(table).EXERCISES
    except ModuleNotFoundError as exc:
        if exc.name != table:
            raise
        listed = _specs(module_id, table)
    return {exercise.name: exercise for exercise in listed}


def _specs(module_id: str, table: str) -> list[ExerciseSpec]:
    """An assessment install's specs, from the folder its table would be in."""
    folder = Path(__file__).parent / table.split(".")[-2]
    if not (folder / SPEC_FILE).is_file():
        raise CrosstrainError(f"{module_id} is not part of this assessment install: ask your trainer for its release")
    return load_specs(folder)


def get(module_id: str, name: str) -> Exercise:
    """One exercise; a ``CrosstrainError`` names the module's exercises if it has no such one."""
    exercises = exercises_of(module_id)
    if name not in exercises:
        raise CrosstrainError(f"module {module_id} has no exercise '{name}': its exercises are {', '.join(exercises)}")
    return exercises[name]
