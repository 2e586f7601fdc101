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

from crosstrain.grading.atomic import write_text_atomic


class FeedbackWriter:
    """Renders ``course/feedback/<learner>/<assignment>/<notebook>.html``."""

    def __init__(self, config: Config, log=None):
        coursedir = CourseDirectory(config=config)
        converter = GenerateFeedback(coursedir=coursedir, config=config)
        self.root = Path(coursedir.root) / coursedir.feedback_directory
        self.clear_hidden = ClearHiddenTests(config=converter.config, log=log)
        self.exporter = HTMLExporter(config=converter.config)
        for pp in converter.preprocessors:
            self.exporter.register_preprocessor(pp)

    def write(self, nb: NotebookNode, resources: dict) -> Path:
        learner, assignment, notebook = (resources["nbgrader"][k] for k in ("student", "assignment", "notebook"))
        html, _ = self.exporter.from_notebook_node(without_hidden_tests(nb, self.clear_hidden), resources=copy.deepcopy(resources))
        path = self.root / learner / assignment / f"{notebook}.html"
        write_text_atomic(path, html)
        return path


def without_hidden_tests(nb: NotebookNode, clear_hidden: ClearHiddenTests) -> NotebookNode:
    """A copy of ``nb`` with hidden test regions removed and test tracebacks cut to one line."""
    nb = copy.deepcopy(nb)
    nb, _ = clear_hidden.preprocess(nb, {})
    for cell in nb.cells:
        if cell.cell_type == "code" and nbutils.is_grade(cell):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
    return nb
