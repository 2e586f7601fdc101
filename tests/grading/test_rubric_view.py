"""A written answer's rubric sits one click below the answer where the trainer grades it,
and nowhere a learner looks.

Before, the rubric was a file in ``graders/`` a tab away from the formgrader, linked from nothing.
"""

from __future__ import annotations

import nbformat
from nbconvert.exporters import HTMLExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from nbgrader.server_extensions.formgrader import handlers
from traitlets.config import Config

from crosstrain.grading.trainer_view import RUBRIC, with_rubrics, with_trainer_note, without_trainer_note
from crosstrain.paths import GRADERS_DIR

RUBRICS = GRADERS_DIR / "00-orientation" / "rubrics"
#: A phrase of graders/00-orientation/rubrics/reflection.md
PHRASE = "There is no single right answer"


def _handed_in():
    written = new_markdown_cell("Our team owns the MQL stage.", metadata={"nbgrader": {
        "grade": True, "solution": True, "grade_id": "reflection", "points": 2, "locked": False}})
    answer = new_code_cell("x = 1", metadata={"nbgrader": {"grade": False, "solution": True, "grade_id": "q1_answer"}})
    return new_notebook(cells=[new_markdown_cell("**Reflection.** Which stage does your team own?"), written, answer])


def test_the_rubric_follows_its_written_answer_folded():
    nb = with_rubrics(_handed_in(), RUBRICS)
    assert [c.metadata.get(RUBRIC, False) for c in nb.cells] == [False, False, True, False]
    rubric = nb.cells[2].source
    assert rubric.startswith("<details><summary>") and "Rubric for reflection" in rubric
    assert PHRASE in rubric and rubric.rstrip().endswith("</details>")


def test_grading_again_keeps_one_rubric_and_the_note_keeps_it():
    nb = with_trainer_note(with_rubrics(with_rubrics(_handed_in(), RUBRICS), RUBRICS), ["flagged"])
    assert sum(1 for c in nb.cells if c.metadata.get(RUBRIC)) == 1
    assert "flagged" in nb.cells[0].source


def test_no_rubric_file_adds_nothing(tmp_path):
    assert len(with_rubrics(_handed_in(), tmp_path).cells) == 3


def test_the_learner_copy_holds_no_rubric():
    nb = without_trainer_note(with_trainer_note(with_rubrics(_handed_in(), RUBRICS), ["flagged"]))
    assert len(nb.cells) == 3 and PHRASE not in nbformat.writes(nb)


def test_the_formgrader_renders_it_below_the_answer(tmp_path):
    """Rendered as nbgrader's formgrader renders a submission (its exporter, template and resources)."""
    path = tmp_path / "00-orientation.ipynb"
    nbformat.write(with_rubrics(_handed_in(), RUBRICS), path)
    config = Config()
    config.HTMLExporter.template_name = "formgrade"
    config.HTMLExporter.extra_template_basedirs = [handlers.template_path]
    resources = {"assignment_id": "00-orientation", "notebook_id": "00-orientation", "submission_id": "s1", "index": 0,
                 "total": 1, "base_url": "", "student": "fay", "last_name": None, "first_name": None, "notebook_path": "x"}
    html, _ = HTMLExporter(config=config).from_filename(str(path), resources=resources)
    answer, rubric = html.index("Our team owns the MQL stage"), html.index(PHRASE)
    assert answer < html.index("<details>") < rubric
    assert "<table" in html[rubric:]  # the rubric's markdown table renders inside the fold
