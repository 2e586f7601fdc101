"""``crosstrain grade``: from a folder of hand-ins to grades, feedback, a CSV and a report.

The steps, each in its own module: ``collect`` the hand-ins into the course,
``preflight`` them, run nbgrader's autograde pipeline (``pipeline``) with execution
in parallel sandboxed kernels (``runner``, ``sandbox``), ``recheck`` every autograded
cell out of the kernel, write ``feedback`` without hidden tests, then the grade sheet
(``export``) and the cohort ``report``. All gradebook writes happen on this thread,
one submission at a time, so the gradebook stays consistent whatever the workers do.
With ``cluster`` (a Dask scheduler's address) execution runs on its workers instead
(``cluster``); everything else stays here.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import sqlalchemy.exc
from nbgrader.api import Gradebook
from tqdm import tqdm

from crosstrain.course.atomic import write_text_atomic
from crosstrain.course.config import course_config, require_course
from crosstrain.errors import CrosstrainError
from crosstrain.grading import gradebook
from crosstrain.grading.collect import Collected, collect, digest
from crosstrain.grading.export import grade_sheet, write_csv
from crosstrain.grading.feedback import FeedbackPool
from crosstrain.grading.ledger import Entry, Ledger
from crosstrain.grading.nbgrader import nbgrader_on_path
from crosstrain.grading.pipeline import Pipeline, open_submission, zero_missing
from crosstrain.grading.preflight import expected_notebooks, preflight
from crosstrain.grading.recheck import course_world, describe, rechecker_for
from crosstrain.grading.report import exercise_titles, objectives_of, write_report
from crosstrain.grading.runner import Job, Outcome, Runner
from crosstrain.grading.sandbox import Limits, isolation
from crosstrain.grading.trainer_view import flag_submission, with_rubrics, with_trainer_note, write_placeholder
from crosstrain.grading.worlds import GradingWorlds
from crosstrain.notebook.session import world_preset
from crosstrain.paths import COURSE_DIR, GRADERS_DIR, MODULES_DIR

#: Limits are frozen, so one shared default is safe.
DEFAULT_LIMITS = Limits()


@dataclass
class LearnerResult:
    learner: str
    status: str                      # graded, skipped (unchanged), not graded
    flags: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)


@dataclass
class Summary:
    assignment: str
    results: list[LearnerResult]
    csv: Path
    report: Path
    feedback: Path
    log: Path
    isolation: str
    worlds: str = ""
    notes: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def flagged(self) -> list[LearnerResult]:
        return [r for r in self.results if r.flags and r.status != "skipped (unchanged)"]

    def headline(self) -> str:
        return (f"{self.assignment}: graded {self.count('graded')}, skipped {self.count('skipped (unchanged)')} unchanged, "
                f"not graded {self.count('not graded')}, flagged {len(self.flagged)} for review")

    def shared(self) -> list[str]:
        """What the cohort report repeats: the counts, the notes, the files by name only."""
        return [self.headline(), *[f"note: {note}" for note in self.notes],
                f"grades: {self.csv.name} and grading log: {self.log.name} (in the course's reports folder)",
                f"feedback: feedback/<learner>/{self.assignment}/ in the course folder"]

    def lines(self) -> list[str]:
        out = [self.headline()]
        for result in sorted(self.results, key=lambda r: r.learner):
            if result.status == "skipped (unchanged)":
                continue
            for flag in result.flags:
                out.append(f"  {'NOT GRADED' if result.status == 'not graded' else 'flagged'} {result.learner}: {flag}")
            for repair in result.repairs:
                out.append(f"  repaired {result.learner}: {repair}")
        out += [f"  note: {note}" for note in self.notes]
        out += [f"grades:   {self.csv}", f"report:   {self.report}", f"feedback: {self.feedback}/<learner>/{self.assignment}/",
                f"log:      {self.log}", f"worlds:   {self.worlds}", f"kernels:  {self.isolation}"]
        return out


def grade(assignment: str, source: Path, *, course_root: Path = COURSE_DIR, workers: int | None = None,
          force: bool = False, limits: Limits = DEFAULT_LIMITS, progress: bool = True, scratch: Path | None = None,
          cluster: str | None = None) -> Summary:
    """Grade every hand-in of ``assignment`` found in ``source``; see the module docstring."""
    root = require_course(course_root).resolve()
    config = course_config(root)
    nbgrader_on_path()
    db_url = config.CourseDirectory.db_url
    gradebook.check(db_url, assignment)
    reports = root / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    log_path = reports / f"{assignment}-grading.log"
    with _nbgrader_log(log_path) as log:
        batch = _Batch(assignment, root, config, db_url, log, workers or os.cpu_count() or 1, force, limits, progress)
        batch.cluster = cluster
        gradebook.backup(db_url, root / "autograded" / ".crosstrain" / "gradebook-before-grade.db")
        collected = collect(Path(source), assignment, root / "submitted", _named_regexp(config))
        # kernels never see the course (gradebook, solutions, other learners), the hand-ins,
        # nor the module sources and graders (reference answers)
        batch.run(collected, secrets=[root, Path(source).resolve(), MODULES_DIR, GRADERS_DIR], scratch=scratch)
    sheet = grade_sheet(db_url, assignment, batch.ledger)
    csv_path = write_csv(sheet, reports / f"{assignment}-grades.csv")
    summary = Summary(assignment, batch.results, csv_path, reports / f"{assignment}-report.html",
                      root / "feedback", log_path, batch.isolation_text, batch.worlds.describe(), batch.notes)
    write_report(sheet, objectives_of(root, assignment), summary.report, summary.shared(), exercise_titles(root, assignment))
    return summary


class _Batch:
    """One run: the queue of hand-ins, the workers, and the per-learner bookkeeping."""

    def __init__(self, assignment, root, config, db_url, log, workers, force, limits, progress):
        self.assignment, self.root, self.config, self.db_url, self.log = assignment, root, config, db_url, log
        self.workers, self.force, self.limits, self.progress = workers, force, limits, progress
        self.ledger = Ledger.of(root / "autograded", assignment)
        self.expected = expected_notebooks(db_url, assignment, root / "release" / assignment)
        self.fingerprint = digest(root / "source" / assignment) if (root / "source" / assignment).is_dir() else ""
        self.pipeline = Pipeline.from_config(config, log)
        self.rechecker = rechecker_for(assignment)
        self.worlds = GradingWorlds(root, world_preset())
        self.feedback = FeedbackPool(config)
        self.results: list[LearnerResult] = []
        self.notes: list[str] = []
        self.isolation_text = ""
        self.cluster: str | None = None
        self._open: dict[str, tuple[Entry, LearnerResult, int]] = {}
        if self.rechecker is None:
            self.notes.append(f"no exercises registered for {assignment}: scores are nbgrader's alone, not re-checked")

    def run(self, collected: list[Collected], secrets: list[Path], scratch: Path | None) -> None:
        # every learner's world exists before any kernel starts: kernels may not write it
        shared = self.worlds.prepare([item.learner for item in collected if item.folder is not None], self.progress)
        iso = isolation(secrets, needed=shared)  # only the worlds these kernels load
        self.isolation_text = iso.describe()
        todo = deque(collected)
        in_flight = 0
        bar = tqdm(total=len(collected), desc=f"grade {self.assignment}", unit="learner", disable=not self.progress)
        if self.cluster:
            from crosstrain.grading.cluster import ClusterRunner

            runner_of = ClusterRunner(self.cluster, limits=self.limits, config=self.config)
        else:
            runner_of = Runner(workers=self.workers, limits=self.limits, isolation=iso, config=self.config,
                               scratch=scratch, shared=shared, world=shared[0] if len(shared) == 1 else None)
        with runner_of as runner, _saving(self.ledger):
            while todo or in_flight:
                while todo and in_flight < 2 * self.workers:
                    item = todo.popleft()
                    jobs = self._guarded(item.learner, [], self._prepare, item, len(self.results) + len(self._open))
                    for job in jobs:
                        runner.submit(job)
                    in_flight += len(jobs)
                    if not jobs:
                        bar.update(1)
                if not in_flight:
                    continue
                outcome = runner.get(timeout=0.05 if todo else None)
                if outcome is None:
                    continue
                in_flight -= 1
                if self._guarded(outcome.job.learner, True, self._save, outcome):
                    bar.update(1)
        bar.close()
        if self.cluster:
            self.isolation_text = f"on the Dask cluster at {self.cluster}: {runner.worker_isolation or 'no notebook ran'}"
        for learner, problem in self.feedback.finish().items():
            next(r for r in self.results if r.learner == learner).flags.append(problem)

    def _guarded(self, learner: str, failed, step, *args):
        """Run one learner's step; a failure fails that learner (returning ``failed``), never the batch."""
        try:
            return step(*args)
        except CrosstrainError:
            raise
        except Exception as exc:  # noqa: BLE001 - reported per learner, details in the log
            if isinstance(exc, sqlalchemy.exc.OperationalError):
                raise CrosstrainError(f"the gradebook failed while grading {learner} ({str(exc.orig)[:80]}): "
                                      "close other programs using it and run again (finished learners are skipped)") from None
            self.log.exception("grading %s failed", learner)
            entry, result, _ = self._open.pop(learner, (Entry(), LearnerResult(learner, "graded"), 0))
            if not any(r.learner == learner for r in self.results):
                result.status = "not graded"
                result.flags.append(f"grading failed ({type(exc).__name__}: {str(exc)[:100]}): see the log")
                entry.status, entry.digest = "not graded", ""
                self._close(learner, entry, result)
            return failed

    # -- before execution -----------------------------------------------------
    def _prepare(self, item: Collected, number: int) -> list[Job]:
        result = LearnerResult(item.learner, "graded", list(item.problems))
        previous = self.ledger.get(item.learner)
        if item.folder is None:
            result.status = "not graded"
            self.results.append(result)
            self.ledger.put(item.learner, Entry(previous.digest, "not graded", result.flags, [], previous.rechecked))
            open_submission(self.db_url, self.assignment, item.learner, item.timestamp)
            self._show_unusable(item.learner, {name: "; ".join(result.flags) for name in self.expected})
            return []
        world = self.worlds.of(item.learner)
        key = f"{item.digest}:{self.fingerprint}:{world.key}"
        if not self.force and previous.digest == key and previous.status == "graded":
            self.results.append(LearnerResult(item.learner, "skipped (unchanged)", previous.flags, previous.repairs))
            return []
        prepared = preflight(item.folder, self.expected)
        result.flags += [world.problem] if world.problem else []
        result.flags += prepared.flags
        result.repairs += prepared.repairs
        entry = Entry(key, "graded", [], [], {})
        open_submission(self.db_url, self.assignment, item.learner, item.timestamp)
        self._forget_rechecks(item.learner, previous)
        jobs = []
        for name, nb in prepared.notebooks.items():
            resources = self.pipeline.resources(item.learner, self.assignment, name)
            if nb is not None:
                try:
                    nb = self.pipeline.run_sanitize(nb, resources)
                    # only now have the repairs pre-flight announced taken effect
                    result.flags += prepared.pending[name].flags
                    result.repairs += prepared.pending[name].repairs
                except Exception as exc:  # noqa: BLE001 - metadata nbgrader cannot repair
                    self.log.exception("sanitizing %s of %s failed", name, item.learner)
                    result.flags.append(f"{name}.ipynb has nbgrader metadata that cannot be repaired ({type(exc).__name__}): scored zero")
                    prepared.unusable[name] = result.flags[-1]
                    prepared.unreadable.add(name)
                    nb = None
            if nb is None:
                continue  # scored zero, with a stand-in the formgrader shows (_show_unusable)
            # the learner's other files, then the assignment's own (as nbgrader does: they win)
            files = (item.folder, self.root / "source" / self.assignment)
            jobs.append(Job(number * 100 + len(jobs), item.learner, name, nb, resources, files=files, env=world.env()))
        self._show_unusable(item.learner, prepared.unusable)
        if jobs:
            self._open[item.learner] = (entry, result, len(jobs))
        else:
            if prepared.unreadable:  # nothing was graded: a zero here is not the learner's score
                result.status = entry.status = "not graded"
            self._close(item.learner, entry, result)
        return jobs

    def _show_unusable(self, learner: str, unusable: dict[str, str]) -> None:
        """Stand-ins with the reason where the formgrader looks, and the formgrader's flag."""
        for name, reason in unusable.items():
            zero_missing(self.db_url, self.assignment, learner, name)
            write_placeholder(self.root / "autograded" / learner / self.assignment / f"{name}.ipynb",
                              self.assignment, name, [reason])
        if unusable:
            flag_submission(self.db_url, self.assignment, learner)

    def _forget_rechecks(self, learner: str, previous: Entry) -> None:
        """Undo the re-check's own manual scores from a previous run (a human's stay)."""
        if not previous.rechecked:
            return
        with Gradebook(self.db_url) as gb:
            for notebook, scores in previous.rechecked.items():
                for grade_id, score in scores.items():
                    grade = gb.find_grade(grade_id, notebook, self.assignment, learner)
                    if grade.manual_score is not None and abs(grade.manual_score - score) < 1e-9:
                        grade.manual_score = None
            gb.db.commit()

    # -- after execution -------------------------------------------------------
    def _save(self, outcome: Outcome) -> bool:
        """Record one executed notebook; True when its learner is complete."""
        job = outcome.job
        entry, result, left = self._open[job.learner]
        result.flags += outcome.problems
        if outcome.kernel_log:
            self.log.warning("kernel of %s/%s ended with:\n%s", job.learner, job.notebook, outcome.kernel_log)
        nb = nbformat.from_dict(self.pipeline.run_save(outcome.nb, job.resources))
        path = self.root / "autograded" / job.learner / self.assignment / f"{job.notebook}.ipynb"
        write_text_atomic(path, nbformat.writes(nb))
        if self.rechecker is not None:
            self._recheck(job, nb, entry, result)
        # the rubrics and any flag's reasons where the trainer grades (the feedback leaves them out)
        write_text_atomic(path, nbformat.writes(with_trainer_note(with_rubrics(nb, GRADERS_DIR / self.assignment / "rubrics"), result.flags)))
        self.feedback.submit(path, job.resources)
        if left > 1:
            self._open[job.learner] = (entry, result, left - 1)
            return False
        del self._open[job.learner]
        self._close(job.learner, entry, result)
        return True

    def _recheck(self, job: Job, nb, entry: Entry, result: LearnerResult) -> None:
        with Gradebook(self.db_url) as gb:
            submitted = gb.find_submission_notebook(job.notebook, self.assignment, job.learner)
            scores = {g.name: g.auto_score for g in submitted.grades}
            learner_world = self.worlds.of(job.learner)
            changes = self.rechecker.adjustments(nb, scores, course_world(learner_world.preset, learner_world.seed))
            for change in changes:
                grade = gb.find_grade(change.grade_id, job.notebook, self.assignment, job.learner)
                grade.manual_score = change.trusted
                grade.needs_manual_grade = False
                entry.rechecked.setdefault(job.notebook, {})[change.grade_id] = change.trusted
            result.flags += describe(changes)
            if changes:
                submitted.flagged = True
            gb.db.commit()

    def _close(self, learner: str, entry: Entry, result: LearnerResult) -> None:
        entry.flags, entry.repairs = result.flags, result.repairs
        if result.flags:
            flag_submission(self.db_url, self.assignment, learner)
        self.ledger.put(learner, entry)
        self.results.append(result)


@contextmanager
def _saving(ledger: Ledger):
    """Save what was graded even if the batch stops half-way (then a re-run skips it)."""
    try:
        yield
    finally:
        ledger.save()


def _named_regexp(config) -> str:
    try:
        return str(config.FileNameCollectorPlugin.named_regexp or "")
    except AttributeError:
        return ""


class _nbgrader_log:
    """Send nbgrader's and traitlets' log lines to a file, not over the progress bar."""

    def __init__(self, path: Path):
        self.path = path
        self.log = logging.getLogger("crosstrain.grade")

    def __enter__(self) -> logging.Logger:
        self.handler = logging.FileHandler(self.path, mode="w", encoding="utf-8")
        self.handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self.loggers = [self.log, logging.getLogger("traitlets"), logging.getLogger("nbgrader")]
        self.saved = [(lg.handlers[:], lg.propagate, lg.level) for lg in self.loggers]
        for lg in self.loggers:
            lg.handlers = [self.handler]
            lg.propagate = False
            lg.setLevel(logging.INFO)
        self.warnings = warnings.catch_warnings()
        self.warnings.__enter__()
        warnings.simplefilter("ignore")  # SQLAlchemy's spurious "not in session" and friends
        return self.log

    def __exit__(self, *exc) -> None:
        self.warnings.__exit__(*exc)
        for lg, (handlers, propagate, level) in zip(self.loggers, self.saved):
            lg.handlers, lg.propagate, lg.level = handlers, propagate, level
        self.handler.close()


def check_source(source: Path) -> Path:
    if not Path(source).exists():
        raise CrosstrainError(f"{source} does not exist: give --from the folder that holds the learners' submissions")
    return Path(source)
