"""Look at a hand-in before grading it: find its notebooks and say what needs repair.

nbgrader's sanitize step (``OverwriteCells`` with ``add_missing_cells``, ``DeduplicateIds``,
``OverwriteKernelspec``) does the repairs; pre-flight finds what it will repair and
what it cannot, so the trainer reads one line per problem instead of a log:

- a notebook under another name (``00-orientation (1).ipynb``) is matched by its cells
  and renamed; a missing, empty, oversized or malformed notebook scores zero;
- a bloated notebook is bounded before anything else reads it: saved outputs are dropped
  (running the notebook makes them again) and cells past a multiple of the release's
  count are cut, each cut flagged (see ``bounds``);
- stripped, re-tagged or invented nbgrader metadata is replaced by the release's
  (``realign``), so nbgrader's repairs do not crash and correct answers are graded;
- duplicated, deleted or retyped grade cells, edited locked cells and edited points
  are compared with the gradebook, which keeps the released version of every cell.

``repairs`` are harmless and undone; ``flags`` ask a human to look (tampering, no notebook).
What is said about one notebook's cells waits in ``pending`` until nbgrader's sanitize step
has run on it: a repair is reported only once it took effect.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbgrader.api import Gradebook

from crosstrain.grading.bounds import MAX_NOTEBOOK, bound
from crosstrain.grading.realign import realign


@dataclass(frozen=True)
class Cell:
    """What the gradebook knows of one released cell."""

    cell_type: str
    locked: bool
    checksum: str
    points: float | None       # None: not a grade cell
    solution: bool


@dataclass
class Expected:
    name: str
    cells: dict[str, Cell]
    kernel: str = "python3"
    release: list[NotebookNode] = field(default_factory=list)   # the cells as released, in order

    @property
    def released(self) -> dict[str, str]:
        """grade_id -> source as released."""
        return {c.metadata.nbgrader["grade_id"]: c.source for c in self.release if c.metadata.get("nbgrader", {}).get("grade_id")}


@dataclass
class Said:
    """Lines for the trainer about one hand-in or one of its notebooks."""

    flags: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)


@dataclass
class Prepared:
    notebooks: dict[str, NotebookNode | None] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    pending: dict[str, Said] = field(default_factory=dict)   # notebook -> what holds once it is sanitized
    unusable: dict[str, str] = field(default_factory=dict)   # notebook -> why it scores zero unread
    unreadable: set[str] = field(default_factory=set)        # of those, the ones handed in but not readable


def expected_notebooks(db_url: str, assignment: str, release_dir: Path | None = None) -> dict[str, Expected]:
    """The assignment's notebooks and their cells, from the gradebook and the release.

    The release is what a learner started from: locked test cells there lack the hidden
    tests the gradebook keeps, so edits are judged against the released text."""
    found = {}
    with Gradebook(db_url) as gb:
        for notebook in gb.find_assignment(assignment).notebooks:
            points = {c.name: float(c.max_score) for c in notebook.grade_cells}
            solutions = {c.name for c in notebook.solution_cells}
            cells = {
                c.name: Cell(c.cell_type, bool(c.locked), c.checksum, points.get(c.name), c.name in solutions)
                for c in notebook.source_cells
            }
            for name in points.keys() - cells.keys():
                cells[name] = Cell("code", True, "", points[name], name in solutions)
            kernel = notebook.kernelspec and json.loads(notebook.kernelspec).get("name") or "python3"
            found[notebook.name] = Expected(notebook.name, cells, kernel, _released(release_dir, notebook.name))
    return found


def _released(release_dir: Path | None, name: str) -> list[NotebookNode]:
    path = Path(release_dir or "") / f"{name}.ipynb"
    if release_dir is None or not path.is_file():
        return []
    return nbformat.read(path, as_version=4).cells


def preflight(folder: Path, expected: dict[str, Expected]) -> Prepared:
    """Read the hand-in in ``folder`` (renaming a misnamed notebook there) and report."""
    prepared = Prepared()
    files = {p.name: p for p in Path(folder).glob("*.ipynb")}
    strays = sorted(set(files) - {f"{name}.ipynb" for name in expected})
    for name, exp in expected.items():
        path = files.get(f"{name}.ipynb")
        if path is None:
            path = _match_renamed(folder, strays, exp, prepared)
        if path is None:
            prepared.notebooks[name] = None
            prepared.flags.append(f"{name}.ipynb was not handed in: scored zero")
            prepared.unusable[name] = prepared.flags[-1]
            continue
        nb = _read(path, exp, prepared)
        prepared.notebooks[name] = nb
        if nb is None:
            prepared.unusable[name] = prepared.flags[-1]
            prepared.unreadable.add(name)
        else:
            prepared.pending[name] = Said(repairs=prepared.pending.get(name, Said()).repairs)
            _compare(nb, exp, prepared.pending[name])
    for stray in strays:
        if (Path(folder) / stray).exists():
            prepared.repairs.append(f"{stray} is not part of the assignment: ignored")
    return prepared


def _match_renamed(folder: Path, strays: list[str], exp: Expected, prepared: Prepared) -> Path | None:
    """The stray notebook that shares the most grade ids with ``exp``, renamed into place."""
    best, best_overlap = None, 0
    for stray in strays:
        try:
            if (Path(folder) / stray).stat().st_size > MAX_NOTEBOOK:
                continue  # not read whole to be matched: too large to be graded anyway
            nb = json.loads((Path(folder) / stray).read_text(encoding="utf-8"))
            ids = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.get("cells", [])}
        except (OSError, ValueError, AttributeError, TypeError):
            continue
        overlap = len(ids & exp.cells.keys())
        if overlap > best_overlap:
            best, best_overlap = stray, overlap
    if best is None:
        return None
    strays.remove(best)
    target = Path(folder) / f"{exp.name}.ipynb"
    (Path(folder) / best).rename(target)
    prepared.pending[exp.name] = Said(repairs=[f"{best} matched by its cells and renamed {exp.name}.ipynb"])
    return target


def _read(path: Path, exp: Expected, prepared: Prepared) -> NotebookNode | None:
    size = path.stat().st_size
    if size == 0:
        prepared.flags.append(f"{path.name} is an empty file: scored zero, ask for a resubmission")
        return None
    if size > MAX_NOTEBOOK:
        prepared.flags.append(f"{path.name} is {size / 1024**2:.0f} MB, over the {MAX_NOTEBOOK // 1024**2} MB limit: scored zero")
        return None
    try:
        raw = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as exc:
        where = f" (line {exc.lineno}: {exc.msg})" if isinstance(exc, json.JSONDecodeError) else ""
        prepared.flags.append(f"{path.name} cannot be read, it is not valid JSON{where}: scored zero, ask for a resubmission")
        return None
    problem = bound(raw, path.name, size, exp.release, prepared.flags)
    if problem:
        prepared.flags.append(problem)
        return None
    try:
        nb = nbformat.reads(json.dumps(raw), as_version=4)
        nbformat.validate(nb)
        return nb
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds for a damaged file
        why = f"it is not a valid notebook ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})"
    prepared.flags.append(f"{path.name} cannot be read, {why}: scored zero, ask for a resubmission")
    return None


def _compare(nb: NotebookNode, exp: Expected, prepared: Said) -> None:
    for grade_id, copies in _by_id(nb).items():
        if len(copies) > 1:
            # as nbgrader's DeduplicateIds would, but done here: with add_missing_cells,
            # nbgrader 0.9.6 crashes (KeyError) on the copy it strips
            for extra in copies[:-1]:
                extra.metadata.pop("nbgrader")
            prepared.repairs.append(f"cell {grade_id} appears {len(copies)} times: only the last copy is graded")
    for cell in nb.cells:
        if "nbgrader" in cell.get("metadata", {}) and not cell.metadata.nbgrader.get("grade_id"):
            cell.metadata.pop("nbgrader")  # metadata without an id cannot be graded or repaired
    if exp.release:
        prepared.flags += realign(nb.cells, exp.release)
    by_id = _by_id(nb)
    for grade_id, want in exp.cells.items():
        cells = by_id.get(grade_id)
        if not cells:
            if want.points is not None:
                prepared.repairs.append(f"cell {grade_id} was deleted (or its nbgrader metadata removed): put back from the release")
            elif want.solution:
                prepared.repairs.append(f"answer cell {grade_id} was deleted: its exercise is graded without it")
            continue
        _compare_cell(grade_id, cells[-1], want, exp.released, prepared)
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    if kernel and kernel != exp.kernel:
        prepared.repairs.append(f"kernel changed to '{kernel}': graded with '{exp.kernel}'")


def _by_id(nb: NotebookNode) -> dict[str, list[NotebookNode]]:
    by_id: dict[str, list[NotebookNode]] = {}
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id:
            by_id.setdefault(grade_id, []).append(cell)
    return by_id


def _compare_cell(grade_id: str, cell: NotebookNode, want: Cell, released: dict[str, str], prepared: Said) -> None:
    if cell.cell_type != want.cell_type:
        prepared.repairs.append(f"cell {grade_id} was changed from {want.cell_type} to {cell.cell_type}: changed back")
    meta = cell.metadata.get("nbgrader", {})
    if want.points is not None and meta.get("grade"):
        try:
            points = float(meta.get("points", want.points))
        except (TypeError, ValueError):
            points = float("nan")
        if points != want.points:
            prepared.flags.append(f"points of cell {grade_id} were edited ({meta.get('points')!r} instead of {want.points:g}): restored")
    if want.locked and grade_id in released and cell.source != released[grade_id]:
        prepared.flags.append(f"locked cell {grade_id} was edited: the released version was graded")
