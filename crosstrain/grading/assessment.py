"""Assessment mode: a module's notebook for certifying, not for self-study.

Practice mode (the default) is the course as written: ``check`` says right or wrong,
``hint`` and ``solution`` help. A module is in assessment mode when course/syllabus.yml
says ``mode: assessment`` or ``crosstrain build --mode assessment`` asks for it. Its
notebook then runs in a learner's install without answers (``learner_lib``), so
``assessment_notebook`` drops what that install lacks: imports of grader-side modules
(the widgets and formulas that compute the graded values) and the lesson statements that
use what they bound, statement by statement (a cell left with nothing says why); and it
says so at the top. Every other cell is kept as written (``tests/grading/test_assessment_cells.py``).
"""

from __future__ import annotations

import ast

import nbformat

from crosstrain.errors import CrosstrainError

MODES = ("practice", "assessment")
NOTE = ("**Assessment.** Your trainer certifies this module: `check` only looks at the type, shape and plausible "
        "range of an answer (it cannot tell whether it is right), there are no solutions, and your answers are "
        "scored after you hand the notebook in. `hint` still helps.")
LEFT_OUT = "# Left out of the assessment: this cell uses course helpers that compute graded answers."


def mode_of(module, override: str | None) -> str:
    """The mode a build gives ``module``: ``override`` (the command line) or the syllabus'."""
    mode = override or module.mode
    if mode not in MODES:
        raise CrosstrainError(f"unknown mode '{mode}' for {module.id}: use one of {', '.join(MODES)}")
    return mode


def assessment_notebook(notebook, allowed: set[str]):
    """``notebook`` without what a learner's install holding only ``allowed`` cannot run."""
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.setdefault("crosstrain", {})["mode"] = "assessment"
    removed: set[str] = set()
    for cell in notebook.cells:
        if cell.cell_type != "code" or _graded(cell):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        cut = []
        for node in tree.body:
            if _foreign(node, allowed):
                removed |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif not _used(node) & removed:
                continue
            else:
                removed |= _bound(node)  # what it would have defined is gone too
            cut.append(node)
        if len(cut) == len(tree.body) and cut:
            cell.source = LEFT_OUT
        elif cut:
            lines = cell.source.splitlines()
            drop = {i for node in cut for i in range(node.lineno - 1, node.end_lineno)}
            cell.source = "\n".join(line for i, line in enumerate(lines) if i not in drop).strip()
    note = nbformat.v4.new_markdown_cell(NOTE)
    note.id = "assessment-note"
    notebook.cells.insert(1, note)
    return notebook


def _used(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _bound(node) -> set[str]:
    """The names a top-level statement defines."""
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))}
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        names.add(node.name)
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


def _graded(cell) -> bool:
    """Answer and test cells stay as they are: the learner writes the first, the grader restores the second."""
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("solution") or meta.get("grade"))


def _foreign(node, allowed: set[str]) -> bool:
    """An import of a ``crosstrain`` module the learner's install does not hold."""
    if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "crosstrain":
        return node.module not in allowed
    if isinstance(node, ast.Import):
        return any(a.name.split(".")[0] == "crosstrain" and a.name not in allowed for a in node.names)
    return False
