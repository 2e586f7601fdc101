"""Autograde many notebooks of one course at once, the way ``crosstrain grade`` does.

nbgrader's own ``autograde`` runs one notebook at a time, each in a cold kernel. Here
nbgrader's autograde pipeline (``pipeline``: the very same sanitize and save
preprocessors, gradebook writes on this thread) stays the judge, and only its Execute
step runs in the batch grader's parallel, sandboxed, warm kernels (``runner``). Used by
``crosstrain validate`` to prove a module's graders in seconds rather than minutes.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from crosstrain.course.atomic import write_text_atomic
from crosstrain.course.config import course_config
from crosstrain.grading.nbgrader import nbgrader_on_path
from crosstrain.grading.pipeline import Pipeline, open_submission
from crosstrain.grading.runner import Job, Runner
from crosstrain.grading.sandbox import Limits, isolation

#: Trusted notebooks (reference solutions, known-wrong answers) get the course's own
#: cell timeout (``course_config``) rather than the stricter limits of a hostile cohort.
TRUSTED = Limits(timeout=900.0, cell_timeout=120)


class Autograder:
    """Runs submissions of a course through nbgrader's pipeline on parallel warm kernels.

    Open it once for many assignments (``with Autograder(course, ...) as grader``): the
    kernels' fork server starts once. ``secrets`` are folders no kernel may see,
    ``needed`` folders every kernel must read (the worlds), ``env`` the kernels'
    world settings (``CROSSTRAIN_WORLD``, ...), ``world`` the folder of the one world they
    all load (read once by the kernels' fork server).
    """

    def __init__(self, course: Path, *, secrets: Iterable[Path] = (), needed: Iterable[Path] = (),
                 env: Mapping[str, str] | None = None, workers: int | None = None, limits: Limits = TRUSTED,
                 world: Path | None = None):
        nbgrader_on_path()
        self.course = Path(course).resolve()
        self.config = course_config(self.course)
        self.db_url = self.config.CourseDirectory.db_url
        self.log = logging.getLogger(f"crosstrain.autograde.{self.course}")
        self.log.propagate = False
        if not self.log.handlers:
            self.log.addHandler(logging.NullHandler())
        self.pipeline = Pipeline.from_config(self.config, self.log)
        self.env = dict(env or {})
        needed = list(needed)
        self.runner = Runner(workers=workers or os.cpu_count() or 1, limits=limits,
                             isolation=isolation([self.course, *secrets], needed=needed),
                             config=self.config, shared=needed, world=world)
        self._numbers = 0

    def autograde(self, assignment: str, submissions: Mapping[str, NotebookNode],
                  done: Callable[[int], object] = lambda n: None) -> dict[str, list[str]]:
        """Grade ``{learner: notebook}`` for ``assignment`` (one notebook named like it) into
        the gradebook and ``autograded/``; what went wrong in each learner's kernel.
        ``done(1)`` is called as each notebook is saved (a progress bar's ``update``)."""
        files = (self.course / "source" / assignment,)
        with warnings.catch_warnings():  # nbgrader's harmless SAWarning on first grading
            warnings.simplefilter("ignore")
            for learner, notebook in submissions.items():
                resources = self.pipeline.resources(learner, assignment, assignment)
                open_submission(self.db_url, assignment, learner)
                sanitized = self.pipeline.run_sanitize(_copy(notebook), resources)
                self._numbers += 1
                self.runner.submit(Job(self._numbers, learner, assignment, sanitized, resources, files=files, env=self.env))
            problems: dict[str, list[str]] = {}
            for _ in submissions:
                outcome = self.runner.get()
                job = outcome.job
                saved = nbformat.from_dict(self.pipeline.run_save(outcome.nb, job.resources))
                write_text_atomic(self.course / "autograded" / job.learner / assignment / f"{assignment}.ipynb",
                                  nbformat.writes(saved))
                problems[job.learner] = outcome.problems
                done(1)
        return problems

    def close(self) -> None:
        self.runner.close()

    def __enter__(self) -> Autograder:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _copy(notebook: NotebookNode) -> NotebookNode:
    return nbformat.reads(nbformat.writes(notebook), as_version=4)
