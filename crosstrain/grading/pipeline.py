"""nbgrader's autograde pipeline, cut in three so only execution runs in parallel.

``nbgrader autograde`` runs, per notebook: sanitize (ClearOutput, DeduplicateIds,
OverwriteKernelspec, OverwriteCells, CheckCellMetadata), then Execute, then save
(IgnorePattern, ClearMetadata, LimitOutput, SaveAutoGrades, AssignLatePenalties,
CheckCellMetadata). We run the very same preprocessor classes, read from a configured
``Autograde`` converter, in the same order and with the course's config; only Execute
is swapped for the sandboxed one in ``runner``. Sanitize and save touch the
gradebook, so they run on the calling thread, one notebook at a time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from nbformat import NotebookNode
from nbgrader.api import Gradebook, InvalidEntry, MissingEntry
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from traitlets.config import Config


@dataclass
class Pipeline:
    """The configured preprocessors before and after Execute."""

    config: Config
    db_url: str
    sanitize: list
    save: list

    @classmethod
    def from_config(cls, config: Config, log: logging.Logger) -> Pipeline:
        coursedir = CourseDirectory(config=config)
        converter = Autograde(coursedir=coursedir, config=config)
        after = list(converter.autograde_preprocessors)
        position = next(i for i, pp in enumerate(after) if issubclass(pp, Execute))
        make = lambda classes: [pp(config=converter.config, log=log) for pp in classes]  # noqa: E731
        return cls(converter.config, coursedir.db_url, make(converter.sanitize_preprocessors), make(after[position + 1:]))

    def resources(self, learner: str, assignment: str, notebook: str) -> dict:
        """The resources nbgrader's converters hand their preprocessors."""
        return {
            "unique_key": notebook,
            "output_files_dir": f"{notebook}_files",
            "nbgrader": {"student": learner, "assignment": assignment, "notebook": notebook,
                         "db_url": self.db_url},
        }

    def run_sanitize(self, nb: NotebookNode, resources: dict) -> NotebookNode:
        return _apply(self.sanitize, nb, resources)

    def run_save(self, nb: NotebookNode, resources: dict) -> NotebookNode:
        return _apply(self.save, nb, resources)


def _apply(preprocessors: list, nb: NotebookNode, resources: dict) -> NotebookNode:
    for pp in preprocessors:
        nb, resources = pp(nb, resources)  # __call__ honours each one's `enabled`
    return nb


def open_submission(db_url: str, assignment: str, learner: str, timestamp=None) -> None:
    """What ``Autograde.init_assignment`` records before grading: learner and submission.

    Another trainer grading another module of a shared gradebook may add the same learner
    between our look-up and our insert: then the learner exists, and we carry on."""
    with Gradebook(db_url) as gb:
        try:
            gb.update_or_create_student(learner)
        except InvalidEntry:
            gb.find_student(learner)
        if timestamp is not None:
            gb.update_or_create_submission(assignment, learner, timestamp=timestamp)
        else:
            gb.update_or_create_submission(assignment, learner)


def zero_missing(db_url: str, assignment: str, learner: str, notebook: str) -> None:
    """A notebook that was not handed in scores zero everywhere, as nbgrader does."""
    with Gradebook(db_url) as gb:
        try:
            submitted = gb.find_submission_notebook(notebook, assignment, learner)
        except MissingEntry:
            return
        for grade in submitted.grades:
            grade.auto_score = 0
            grade.needs_manual_grade = False
        gb.db.commit()
