"""Feedback HTML for the learner, without the hidden tests.

Stock ``nbgrader generate_feedback`` renders the autograded notebook as it is, hidden
test code included, and a failing test's traceback quotes that code again. Here the
hidden regions are cut with nbgrader's own ``ClearHiddenTests`` and a test cell's error
keeps only its last line; then nbgrader's ``GenerateFeedback`` preprocessors and
template render the page, scores and comments from the gradebook.
"""

from __future__ import annotations

import copy
from pathlib import Path

from nbconvert.exporters import HTMLExporter
from nbformat import NotebookNode
from nbgrader import utils as nbutils
from nbgrader.converters import GenerateFeedback
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import ClearHiddenTests
from traitlets.config import Config

from crosstrain.course.atomic import write_text_atomic
from crosstrain.grading.trainer_view import without_trainer_note


class FeedbackWriter:
    """Renders ``course/feedback/<learner>/<assignment>/<notebook>.html``."""

    def __init__(self, config: Config, log=None):
        coursedir = CourseDirectory(config=config)
        converter = GenerateFeedback(coursedir=coursedir, config=config)
        self.root = Path(coursedir.root) / coursedir.feedback_directory
        self.clear_hidden = ClearHiddenTests(config=converter.config, **({"log": log} if log else {}))
        self.exporter = HTMLExporter(config=converter.config)
        for pp in converter.preprocessors:
            self.exporter.register_preprocessor(pp)

    def write(self, nb: NotebookNode, resources: dict) -> Path:
        learner, assignment, notebook = (resources["nbgrader"][k] for k in ("student", "assignment", "notebook"))
        html, _ = self.exporter.from_notebook_node(without_hidden_tests(nb, self.clear_hidden), resources=copy.deepcopy(resources))
        path = self.root / learner / assignment / f"{notebook}.html"
        write_text_atomic(path, html)
        path.chmod(0o644)  # learners get this page (nbgrader release_feedback copies it)
        return path


class FeedbackPool:
    """Renders feedback in a separate process while grading goes on.

    Rendering HTML costs more than saving the grades; done on the grading thread it
    would hold up every kernel. A notebook is handed over once its grades are final;
    ``finish`` waits for the rest and says which learners got no feedback, and why.
    """

    def __init__(self, config: Config):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start_writer, initargs=(config,))
        self._pending: list[tuple[str, object]] = []

    def submit(self, autograded: Path, resources: dict) -> None:
        self._pending.append((resources["nbgrader"]["student"], self._pool.submit(_render, str(autograded), resources)))

    def finish(self) -> dict[str, str]:
        """Wait for every page; ``{learner: problem}`` for those that could not be written."""
        problems = {}
        for learner, future in self._pending:
            try:
                future.result()
            except Exception as exc:  # noqa: BLE001 - reported per learner
                problems[learner] = f"no feedback page ({type(exc).__name__}: {str(exc)[:100]})"
        self._pool.shutdown()
        return problems


_writer: FeedbackWriter | None = None


def _start_writer(config: Config) -> None:
    global _writer
    import os

    from crosstrain.grading.sandbox import die_with_parent

    die_with_parent(os.getppid())  # the worker never outlives a killed grader
    _writer = FeedbackWriter(config)


def _render(autograded: str, resources: dict) -> str:
    import nbformat

    return str(_writer.write(nbformat.read(autograded, as_version=4), resources))


def without_hidden_tests(nb: NotebookNode, clear_hidden: ClearHiddenTests) -> NotebookNode:
    """A copy of ``nb`` without hidden test regions or the trainer's note, test tracebacks cut to one line."""
    nb = without_trainer_note(copy.deepcopy(nb))
    nb, _ = clear_hidden.preprocess(nb, {})
    for cell in nb.cells:
        if cell.cell_type == "code" and nbutils.is_grade(cell):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
    return nb
