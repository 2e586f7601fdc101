"""``crosstrain validate``: prove every grader through nbgrader's real autograde path.

In a temporary copy of the course, nbgrader itself generates the release and autogrades
(``autograde``: nbgrader's autograde preprocessors, execution in the batch grader's
parallel warm kernels) three kinds of submission built from it: the reference solution (must earn full marks),
the blank release (must earn zero on every autograded cell) and each known-wrong answer
from ``graders/`` (must lose at least half that exercise's points, and all of them for
the exercise's core mistake, which every autograded exercise marks once). For every autograded cell the
out-of-kernel re-score (``exercise.score`` on the decoded payload, as the batch grader
does it, with ``crosstrain.grading.recheck``) must agree with nbgrader's verdict.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from tqdm.auto import tqdm

from crosstrain.course.config import course_config, notebook_path
from crosstrain.grading import graders, sharing
from crosstrain.grading.autograde import Autograder
from crosstrain.grading.build import build
from crosstrain.grading.compile import BEGIN_SOLUTION, END_SOLUTION
from crosstrain.grading.nbgrader import checked, nbgrader_api
from crosstrain.grading.recheck import Rechecker, course_world
from crosstrain.grading.worlds import LearnerWorld
from crosstrain.notebook.capture import payloads
from crosstrain.notebook.exercises import exercises_of
from crosstrain.notebook.session import world_preset
from crosstrain.paths import COURSE_DIR, GRADERS_DIR, MODULES_DIR, generated_dir

SOLUTION, BLANK = "solution", "blank"
TOLERANCE = 1e-6


@dataclass
class Row:
    """One graded cell: its points and what each submission earned (None: manual)."""

    name: str
    points: float
    autograded: bool
    solution: float | None = None
    blank: float | None = None
    wrong: dict[str, float | None] = field(default_factory=dict)
    core: str | None = None  # the known-wrong answer of the exercise's core mistake


@dataclass
class Report:
    module: str
    rows: list[Row]
    problems: list[str]
    rechecked: int = 0  # autograded cells whose out-of-kernel re-score was compared

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(module_ids=(), course_root: Path = COURSE_DIR, modules_dir: Path = MODULES_DIR, graders_dir: Path = GRADERS_DIR, progress: bool = True) -> list[Report]:
    """Build, then validate the named modules (all if none)."""
    built = build(module_ids, course_root, modules_dir, progress=progress)
    world = LearnerWorld(world_preset(), None)
    world_folder = course_world(world.preset).path
    # one scratch course and one set of warm kernels for every module; kernels never see
    # the real course, the module sources nor the graders (they run the submissions only)
    secrets = [Path(folder).resolve() for folder in (course_root, modules_dir, graders_dir)]
    with tempfile.TemporaryDirectory(prefix="crosstrain-validate-") as tmp, \
            Autograder(Path(tmp), secrets=secrets,
                       needed=[world_folder, generated_dir()], env=world.env(), world=world_folder) as grader:
        api = nbgrader_api(grader.course)
        return [_validate(b.module, Path(course_root), Path(graders_dir), grader, api, progress) for b in built]


def format_report(report: Report) -> str:
    """The per-exercise table, then one line per problem."""
    header = ["exercise", "points", "solution", "blank", "wrong answers"]
    lines = [[r.name, f"{r.points:g}", _cell(r.solution), _cell(r.blank),
              ", ".join(f"{m}{'*' if m == r.core else ''} {_cell(s)}" for m, s in r.wrong.items())
              or ("rubric" if not r.autograded else "-")]
             for r in report.rows]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines)]
    table = [report.module, "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    table += ["  ".join(str(x).ljust(w) for x, w in zip(line, widths)).rstrip() for line in lines]
    table.append("* the exercise's core mistake: it must earn 0; every other known-wrong answer at most half")
    table.append(f"out-of-kernel re-score compared with nbgrader on {report.rechecked} autograded cells")
    table += [f"FAIL {p}" for p in report.problems] or ["ok: every grader proven"]
    return "\n".join(table)


def _cell(score: float | None) -> str:
    return "manual" if score is None else f"{score:g}"


def _validate(module_id: str, course_root: Path, graders_dir: Path, grader: Autograder, api, progress: bool) -> Report:
    exercises = exercises_of(module_id)
    source = nbformat.read(notebook_path(course_root, "source", module_id), as_version=4)
    grade_cells = [c.metadata["nbgrader"] for c in source.cells if c.metadata.get("nbgrader", {}).get("grade")]
    written = [m["grade_id"] for m in grade_cells if m["solution"]]
    cores = {name: (e.core_mistake.name if e.core_mistake else None) for name, e in exercises.items()}
    problems = graders.problems(module_id, list(exercises), written, graders_dir, cores)
    wrong = [w for w in graders.wrong_answers(module_id, graders_dir) if w.exercise in exercises]
    course = grader.course
    shutil.copytree(course_root / "source" / module_id, course / "source" / module_id)
    checked(api.generate_assignment(module_id, force=True, create=True), f"generate {module_id} in a scratch course")
    release = nbformat.read(notebook_path(course, "release", module_id), as_version=4)
    submissions, where = _submissions(release, source, wrong)
    with tqdm(total=len(submissions), desc=f"validate {module_id}", unit="notebook", disable=not progress) as bar:
        kernels = grader.autograde(module_id, submissions, done=bar.update)
    problems += [f"the {s} submission did not run to the end: {p}" for s, found in kernels.items() for p in found]
    scores = _nbgrader_scores(course, module_id, submissions)
    rechecker = Rechecker(module_id)
    rechecks = {s: _rechecks(course, module_id, s, exercises, rechecker) for s in submissions}
    rows, rechecked = [], 0
    for meta in grade_cells:
        name, points, auto = meta["grade_id"], float(meta["points"]), not meta["solution"]
        row = Row(name, points, auto, scores[SOLUTION][name], scores[BLANK][name],
                  {a.mistake: scores[where[a.exercise, a.mistake]][name] for a in wrong if a.exercise == name},
                  next((a.mistake for a in wrong if a.exercise == name and a.core), None))
        rows.append(row)
        problems += _judge(row)
        if auto:
            rechecked += len(submissions)
            problems += [f"{name}: nbgrader gave the {s} submission {scores[s][name]:g} but the out-of-kernel re-score gives {rechecks[s][name]:g}"
                         for s in submissions if abs((scores[s][name] or 0) - rechecks[s][name]) > TOLERANCE]
    return Report(module_id, rows, problems, rechecked)


def _judge(row: Row) -> list[str]:
    found = []
    if row.autograded and row.solution != row.points:
        found.append(f"{row.name}: the reference solution earns {_cell(row.solution)} of {row.points:g}")
    if not row.autograded and row.solution is not None:
        found.append(f"{row.name}: a written answer should wait for a manual grade, but nbgrader scored it {row.solution:g}")
    if row.blank not in (0, None) or (row.autograded and row.blank is None):
        found.append(f"{row.name}: the blank release earns {_cell(row.blank)} instead of 0")
    for mistake, score in row.wrong.items():
        if mistake == row.core and (score is None or abs(score) > TOLERANCE):
            found.append(f"{row.name}: the core mistake '{mistake}' earns {_cell(score)} of {row.points:g} "
                         f"(the mistake the exercise exists to teach must earn 0)")
        elif score is None or score > row.points / 2 + TOLERANCE:
            found.append(f"{row.name}: the known-wrong answer '{mistake}' earns {_cell(score)} of {row.points:g} "
                         f"(it must lose at least half its points)")
    return found


def _submissions(release, source, wrong: list) -> tuple[dict, dict]:
    """Learner id to notebook (the solution, the blank release, then the known-wrong answers,
    several to a notebook where ``sharing`` proves they cannot affect one another), and each
    wrong answer's (exercise, mistake) to the learner id that holds it."""
    found, where = {SOLUTION: _solved(release, source), BLANK: release}, {}
    cells = [(c.metadata.get("nbgrader", {}).get("grade_id"), c.source) for c in source.cells if c.cell_type == "code"]
    answers = {e: [code for grade_id, code in cells if grade_id == f"{e}_answer"] + [w.code for w in wrong if w.exercise == e]
               for e in {w.exercise for w in wrong}}
    for number, group in enumerate(sharing.notebooks(wrong, sharing.affected(cells, answers)), start=1):
        student = f"wrong-{group[0].exercise}-{group[0].mistake}" if len(group) == 1 else f"wrong-shared-{number}"
        notebook = _solved(release, source)
        for answer in group:
            _with_answer(notebook, answer.exercise, answer.code)
            where[answer.exercise, answer.mistake] = student
        found[student] = notebook
    return found, where


def _solved(release, source):
    """The release with every answer and written cell filled in from the source."""
    reference = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells if c.metadata.get("nbgrader", {}).get("solution")}
    notebook = nbformat.reads(nbformat.writes(release), as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in reference:
            cell.source = "\n".join(line for line in reference[grade_id].splitlines() if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))
    return notebook


def _with_answer(notebook, exercise: str, code: str):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == f"{exercise}_answer":
            cell.source = code
    return notebook


def _nbgrader_scores(course: Path, module_id: str, students) -> dict[str, dict[str, float | None]]:
    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(course_config(course).CourseDirectory.db_url) as gradebook:
        for student in students:
            notebook = gradebook.find_submission_notebook(module_id, module_id, student)
            scores[student] = {g.name: (None if g.auto_score is None and g.manual_score is None else g.score) for g in notebook.grades}
    return scores


def _rechecks(course: Path, module_id: str, student: str, exercises: dict, rechecker) -> dict[str, float]:
    """Each exercise's points as the batch grader re-scores them, out of the kernel."""
    notebook = nbformat.read(notebook_path(course / "autograded" / student, "", module_id), as_version=4)
    found = payloads(notebook)
    return {name: rechecker.trusted(notebook, name, float(e.points), found)[0] for name, e in exercises.items()}
