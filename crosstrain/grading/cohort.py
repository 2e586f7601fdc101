"""Simulated hand-ins: correct, partial, blank and broken learners for a module.

The demo, the tests and the benchmark need a cohort without real learners. A correct
hand-in is the released notebook with each answer cell filled in from the source
notebook's solution; a partial one answers only some exercises; a blank one is the
release untouched; a broken one is not even JSON.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat
from nbformat import NotebookNode

_SOLUTION = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.MULTILINE)


def released(course_root: Path, module_id: str) -> NotebookNode:
    return nbformat.read(Path(course_root) / "release" / module_id / f"{module_id}.ipynb", as_version=4)


def solutions(course_root: Path, module_id: str) -> dict[str, str]:
    """Answer-cell grade id -> the reference answer's code (markers removed)."""
    source = nbformat.read(Path(course_root) / "source" / module_id / f"{module_id}.ipynb", as_version=4)
    found = {}
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            found[meta["grade_id"]] = _SOLUTION.sub("", cell.source).strip("\n")
    return found


def answer_cells(nb: NotebookNode) -> list[NotebookNode]:
    """The cells a learner types answers into (autograded code and free text)."""
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]


def answered(course_root: Path, module_id: str, share: float = 1.0) -> NotebookNode:
    """The release with the first ``share`` of its answer cells filled in correctly."""
    nb = copy.deepcopy(released(course_root, module_id))
    answers = solutions(course_root, module_id)
    cells = answer_cells(nb)
    for cell in cells[: round(share * len(cells))]:
        cell.source = answers.get(cell.metadata.nbgrader["grade_id"], cell.source)
    return nb


def write_cohort(course_root: Path, module_id: str, dest: Path, learners: dict[str, str]) -> Path:
    """Write ``dest/<learner>/<module>.ipynb`` for kinds correct, partial, blank, broken."""
    for learner, kind in learners.items():
        folder = Path(dest) / learner
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{module_id}.ipynb"
        if kind == "broken":
            path.write_text('{"cells": [ {"cell_type": "code", "source": "n_leads = ', encoding="utf-8")
            continue
        share = {"correct": 1.0, "partial": 0.5, "blank": 0.0}[kind]
        nbformat.write(answered(course_root, module_id, share), path)
    return Path(dest)
