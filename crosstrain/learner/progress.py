"""How far a learner is: exercises answered, self-checks passed, minutes left on the path.

Read from the notebooks as last saved, nothing is executed: an answer cell counts as
answered once it is no longer the release placeholder, and its self-check as passed
when the saved output of its check cell says "Correct". In a notebook::

    from crosstrain.learner.progress import show
    show()
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from crosstrain.course.catalog import on_path
from crosstrain.course.syllabus import Module, load_syllabus
from crosstrain.errors import CrosstrainError
from crosstrain.learner.workspace import find_workspace, module_notebook, read_manifest
from crosstrain.paths import COURSE_DIR

#: A release answer cell's blank lines: ``x = ____`` (today), ``raise NotImplementedError()`` (older releases).
CODE_PLACEHOLDERS = ("____", "raise NotImplementedError()")
TEXT_PLACEHOLDER = "YOUR ANSWER HERE"

TODO, WRITTEN, PASSED, FAILING, UNCHECKED = "to do", "written", "passed", "check fails", "not checked"


@dataclass(frozen=True)
class ExerciseState:
    name: str
    points: float
    state: str  # one of TODO, WRITTEN, PASSED, FAILING, UNCHECKED
    written: bool = False  # a manually graded written answer (no self-check)

    @property
    def done(self) -> bool:
        return self.state in (PASSED, WRITTEN)


@dataclass
class ModuleProgress:
    module: Module
    notebook: Path | None
    exercises: list[ExerciseState] = field(default_factory=list)

    @property
    def points_done(self) -> float:
        return sum(e.points for e in self.exercises if e.done)

    @property
    def minutes_left(self) -> int:
        if not self.module.points:
            return 0 if self.exercises and all(e.done for e in self.exercises) else self.module.self_study_minutes
        share_left = max(0.0, 1 - self.points_done / self.module.points)
        return round(self.module.self_study_minutes * share_left)

    @property
    def summary(self) -> str:
        if self.notebook is None:
            return "not in your workspace yet"
        return ", ".join(f"{e.name} {e.state}" for e in self.exercises) or "no exercises"


def exercise_states(notebook) -> list[ExerciseState]:
    """One state per graded exercise of a notebook, in notebook order."""
    cells = notebook.cells
    answers = {}
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            answers[str(meta.get("grade_id", "")).removesuffix("_answer")] = _filled(cell.source, *CODE_PLACEHOLDERS)
    states = []
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not meta.get("grade"):
            continue
        name, points = str(meta.get("grade_id")), float(meta.get("points", 0))
        if cell.cell_type == "markdown" and meta.get("solution"):
            states.append(ExerciseState(name, points, WRITTEN if _filled(cell.source, TEXT_PLACEHOLDER) else TODO, written=True))
        elif cell.cell_type == "code" and not meta.get("solution"):
            states.append(ExerciseState(name, points, _check_state(name, answers.get(name, False), cell)))
    return states


def _filled(source: str, *placeholders: str) -> bool:
    """Whether a line other than a comment or a placeholder's is written."""
    return any(line.strip() and not line.strip().startswith("#") and not any(p in line for p in placeholders)
               for line in source.splitlines())


def _check_state(name: str, answered: bool, cell) -> str:
    if not answered:
        return TODO
    # check() shows a card: its text/plain says "q1: Correct: ..." (older notebooks printed it)
    text = "".join(out.get("text", "") if out.get("output_type") == "stream" else "".join(out.get("data", {}).get("text/plain", ""))
                   for out in cell.get("outputs", []))
    errors = any(out.get("output_type") == "error" for out in cell.get("outputs", []))
    if f"{name}: Correct" in text:
        return PASSED
    if errors or f"{name}: Not yet" in text:
        return FAILING
    return UNCHECKED


def scan(workspace: Path | str, course_root: Path = COURSE_DIR) -> list[ModuleProgress]:
    """Progress on every module of the workspace's path, in syllabus order."""
    workspace = Path(workspace).expanduser()
    if not workspace.is_dir():
        raise CrosstrainError(f"no workspace at {workspace}: run crosstrain lab first, or give --workspace")
    manifest = read_manifest(workspace)
    syllabus = load_syllabus(course_root)
    found = []
    for module in on_path(syllabus, manifest.get("path", "all")):
        path = module_notebook(workspace, module.id)
        if not path.is_file():
            found.append(ModuleProgress(module, None))
            continue
        try:
            notebook = nbformat.read(path, as_version=4)
        except Exception as exc:  # nbformat raises several types for a damaged file
            raise CrosstrainError(f"{path} is not a readable notebook ({type(exc).__name__}): open it in JupyterLab and save it again") from None
        found.append(ModuleProgress(module, path, exercise_states(notebook)))
    return found


def table(progress: list[ModuleProgress]) -> str:
    """A plain-text table, then one line per module naming each exercise's state."""
    header = ("module", "done", "self-checks", "points", "minutes left")
    rows = []
    for p in progress:
        rows.append((
            p.module.id,
            f"{sum(e.done for e in p.exercises)}/{len(p.exercises)}" if p.notebook else "-",
            _self_checks(p) if p.notebook else "-",
            f"{p.points_done:g}/{p.module.points:g}",
            str(p.minutes_left),
        ))
    total_left = sum(p.minutes_left for p in progress)
    total_points = sum(p.module.points for p in progress)
    rows.append(("total", "", "", f"{sum(p.points_done for p in progress):g}/{total_points:g}", str(total_left)))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
    lines = [fmt(header), fmt(tuple("-" * w for w in widths)), *map(fmt, rows), ""]
    lines += [f"{p.module.id}: {p.summary}" for p in progress]
    return "\n".join(lines)


def _self_checks(p: ModuleProgress) -> str:
    """``3/5 passed, 1 failing``: the autograded exercises' saved self-check results."""
    checks = [e for e in p.exercises if not e.written]
    failing = sum(e.state == FAILING for e in checks)
    return f"{sum(e.state == PASSED for e in checks)}/{len(checks)} passed" + (f", {failing} failing" if failing else "")


def html_summary(progress: list[ModuleProgress]) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(p.module.id)}</td><td>{html.escape(p.summary)}</td>"
        f"<td style='text-align:right'>{p.points_done:g}/{p.module.points:g}</td>"
        f"<td style='text-align:right'>{p.minutes_left}</td></tr>"
        for p in progress
    )
    left = sum(p.minutes_left for p in progress)
    return ("<div class='crosstrain-progress'><b>Your progress</b> (as last saved; save with Ctrl-S to update)"
            "<table><thead><tr><th>module</th><th>exercises</th><th>points</th><th>minutes left</th></tr></thead>"
            f"<tbody>{rows}</tbody></table><p>About {left} minutes of self-study left on your path.</p></div>")


def show(workspace: Path | str | None = None, course_root: Path = COURSE_DIR):
    """A small HTML summary for the top of a notebook (an IPython ``HTML`` object)."""
    from IPython.display import HTML

    folder = Path(workspace) if workspace else find_workspace(Path.cwd())
    if folder is None:
        return HTML("<p>No crosstrain workspace here: start JupyterLab with <code>crosstrain lab</code> to track your progress.</p>")
    try:
        return HTML(html_summary(scan(folder, course_root)))
    except CrosstrainError as exc:
        return HTML(f"<p>Progress unavailable: {html.escape(str(exc))}</p>")
