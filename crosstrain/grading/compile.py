"""Compile a module source into an nbgrader source notebook, metadata and all.

Nobody types nbgrader metadata: grade ids come from exercise names (``q1`` for the
tests, ``q1_answer`` for the answer cell), points from the exercise registry (a
``points=`` marker must agree), and the compiler refuses what nbgrader would grade
wrongly: a duplicate name, tests without an answer, hidden tests that do not call
``ex.NAME.grade(...)`` as their last line (its return value is the partial credit).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from crosstrain.course.sources import HIDDEN_MARKER, SourceCell, read_source
from crosstrain.course.syllabus import Module
from crosstrain.errors import CrosstrainError
from crosstrain.notebook.exercises import exercises_of
from crosstrain.notebook.placeholder import starter_line

SCHEMA_VERSION = 3
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def compile_module(module: Module, path: Path) -> nbformat.NotebookNode:
    """The nbgrader source notebook for ``module`` from its source file at ``path``."""
    cells = read_source(path)
    exercises = exercises_of(module.id)
    _check_names(cells, path)
    _check_against_registry(cells, exercises, module, path)
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}, "crosstrain": {"module": module.id}}
    notebook.cells = [_front_matter(module)]
    locked = 0
    for cell in cells:
        if cell.kind == "locked" and cell.name is None:
            locked += 1
        notebook.cells.append(_compile_cell(cell, exercises, locked))
    for index, cell in enumerate(notebook.cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "text")
        cell.id = f"c{index:03d}-{grade_id}"[:64]  # stable ids keep rebuilds byte-identical
    nbformat.validate(notebook)
    return notebook


def points_of(notebook) -> float:
    """Total points of a compiled notebook's grade cells."""
    return sum(c.metadata["nbgrader"]["points"] for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade"))


def _compile_cell(cell: SourceCell, exercises: dict, locked: int):
    make = nbformat.v4.new_code_cell if cell.cell_type == "code" else nbformat.v4.new_markdown_cell
    if cell.kind == "answer":
        out = make(_with_solution_markers(cell.source, exercises[cell.name].variable))
        meta = {"grade": False, "solution": True, "locked": False, "grade_id": f"{cell.name}_answer"}
    elif cell.kind == "tests":
        out = make(_with_hidden_markers(cell.source))
        meta = {"grade": True, "solution": False, "locked": True, "grade_id": cell.name, "points": exercises[cell.name].points}
    elif cell.kind == "written":
        out = make(cell.source)
        meta = {"grade": True, "solution": True, "locked": False, "grade_id": cell.name, "points": cell.points or 1}
    elif cell.kind == "locked":
        out = make(cell.source)
        meta = {"grade": False, "solution": False, "locked": True, "grade_id": cell.name or f"locked_{locked}"}
    else:
        out = make(cell.source)
        meta = None
    out.metadata.update(cell.metadata)
    if meta is not None:
        out.metadata["nbgrader"] = {**meta, "schema_version": SCHEMA_VERSION}
    return out


def _with_solution_markers(source: str, variable: str) -> str:
    """The answer cell: a starter line the release keeps (``x = ____``, so Run All runs on),
    then the reference solution, which nbgrader replaces with ``# YOUR CODE HERE``."""
    starter = starter_line(variable)
    if BEGIN_SOLUTION in source:
        return source if starter in source else f"{starter}\n{source.strip()}"
    return f"{starter}\n{BEGIN_SOLUTION}\n{source.strip()}\n{END_SOLUTION}"


def _with_hidden_markers(source: str) -> str:
    lines = source.rstrip().splitlines()
    cut = [line.strip() for line in lines].index(HIDDEN_MARKER)
    return "\n".join(lines[:cut] + [BEGIN_HIDDEN] + lines[cut + 1:] + [END_HIDDEN])


def _check_names(cells: list[SourceCell], path: Path) -> None:
    seen: dict[tuple[str, str], int] = {}
    for cell in cells:
        if cell.name is None:
            continue
        # answer q1 and tests q1 pair up; any other repeat would clash in the gradebook
        role = "answer" if cell.kind == "answer" else "grade"
        if (role, cell.name) in seen:
            raise CrosstrainError(f"{path} line {cell.line}: the name '{cell.name}' is already used at line {seen[role, cell.name]}: give each exercise and cell its own name")
        seen[role, cell.name] = cell.line
    answers = {name for role, name in seen if role == "answer"}
    for cell in cells:
        if cell.kind == "tests" and cell.name not in answers:
            raise CrosstrainError(f"{path} line {cell.line}: tests {cell.name} has no 'answer {cell.name}' cell before it")
        if cell.kind == "answer" and not any(c.kind == "tests" and c.name == cell.name for c in cells):
            raise CrosstrainError(f"{path} line {cell.line}: answer {cell.name} has no 'tests {cell.name}' cell")


def _check_against_registry(cells: list[SourceCell], exercises: dict, module: Module, path: Path) -> None:
    tests = {c.name: c for c in cells if c.kind == "tests"}
    for name, cell in tests.items():
        if name not in exercises:
            raise CrosstrainError(f"{path} line {cell.line}: tests {name} has no exercise '{name}' in crosstrain/notebook/exercises for {module.id}: add it there")
        if cell.points is not None and cell.points != exercises[name].points:
            raise CrosstrainError(f"{path} line {cell.line}: tests {name} says points={cell.points:g}, but exercise {name} is worth {exercises[name].points:g}: make them agree")
        last = cell.source.rstrip().splitlines()[-1].strip()
        if not last.startswith(f"ex.{name}.grade("):
            raise CrosstrainError(f"{path} line {cell.line}: the last line of tests {name} must be ex.{name}.grade(<answer>), which hands the answer in")
    missing = [name for name in exercises if name not in tests]
    if missing:
        raise CrosstrainError(f"{path}: exercises {', '.join(missing)} of {module.id} have no tests cell in the source")
    graded = set(tests) | {c.name for c in cells if c.kind == "written"}
    unknown = sorted(module.exercise_names - graded)
    if unknown:
        raise CrosstrainError(f"course/syllabus.yml: objectives of {module.id} name {', '.join(unknown)}, which the module source does not grade")
    untied = sorted(graded - module.exercise_names)
    if untied:
        raise CrosstrainError(f"course/syllabus.yml: {', '.join(untied)} of {module.id} assess no objective: list them under an objective's exercises")


def _audience(paths: tuple[str, ...]) -> str:
    """Who a module is for, in words: paths cross-train, so 05 (objections) is for marketing hires."""
    if "everyone" in paths:
        return "every new hire"
    return "new hires in " + " and ".join(paths)


def _front_matter(module: Module):
    objectives = "\n".join(f"- {o.text} *(exercises: {', '.join(o.exercises)})*" for o in module.objectives)
    text = (
        f"# {module.title}\n\n"
        f"**Time:** about {module.self_study_minutes} minutes on your own, or a {module.workshop_minutes}-minute workshop. "
        f"**Points:** {module.points:g}. **For:** {_audience(module.paths)}.\n\n"
        f"**By the end you can:**\n{objectives}"
    )
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["nbgrader"] = {"grade": False, "solution": False, "locked": True, "grade_id": "front_matter", "schema_version": SCHEMA_VERSION}
    return cell
