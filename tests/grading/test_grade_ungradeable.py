"""A hand-in that cannot be read is not graded, and the formgrader lists it with the reason;
a flagged hand-in that was graded carries its reasons where the trainer grades it.

The formgrader lists a submitted notebook only when its autograded file exists: before,
``dan``'s unreadable file was counted among the submissions and shown nowhere.
"""

from __future__ import annotations

import csv

import nbformat
import pytest
from handins import MODULE, fresh_course, tiny_world

from crosstrain.grading.cohort import answered, write_cohort
from crosstrain.grading.grade import grade
from crosstrain.grading.nbgrader import nbgrader_api
from crosstrain.grading.trainer_view import is_placeholder

pytestmark = [pytest.mark.kernel]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("ungradeable")
    course = fresh_course(root)
    hand_ins = write_cohort(course, MODULE, root / "hand-ins", {"dan": "broken"})
    (hand_ins / "eve").mkdir()
    (hand_ins / "eve" / f"{MODULE}.ipynb").write_text("")
    edited = answered(course, MODULE)
    test_cell = next(c for c in edited.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q1" and c.cell_type == "code"
                     and c.metadata.nbgrader.get("locked"))
    test_cell.source += "\n# I was here"
    (hand_ins / "fay").mkdir()
    nbformat.write(edited, hand_ins / "fay" / f"{MODULE}.ipynb")
    with tiny_world():
        summary = grade(MODULE, hand_ins, course_root=course, workers=1, progress=False)
    return course, summary


def test_an_unreadable_hand_in_is_not_graded(graded):
    course, summary = graded
    status = {r.learner: r.status for r in summary.results}
    assert status == {"dan": "not graded", "eve": "not graded", "fay": "graded"}
    assert summary.headline().startswith(f"{MODULE}: graded 1, skipped 0 unchanged, not graded 2")
    with open(summary.csv, newline="") as handle:
        assert {row["learner"]: row["status"] for row in csv.DictReader(handle)} == status


def test_the_formgrader_lists_it_flagged_with_the_reason(graded):
    course, _ = graded
    api = nbgrader_api(course)
    listed = {s["student"]: s for s in api.get_notebook_submissions(MODULE, MODULE)}
    assert set(listed) == {"dan", "eve", "fay"} and all(s["flagged"] for s in listed.values())
    assert {s["student"] for s in api.get_submissions(MODULE) if s["autograded"]} == {"dan", "eve", "fay"}
    stand_in = nbformat.read(course / "autograded" / "dan" / MODULE / f"{MODULE}.ipynb", as_version=4)
    assert is_placeholder(stand_in)
    assert "not valid JSON" in stand_in.cells[0].source and "hand in" in stand_in.cells[0].source
    empty = nbformat.read(course / "autograded" / "eve" / MODULE / f"{MODULE}.ipynb", as_version=4)
    assert "is an empty file" in empty.cells[0].source


def test_a_graded_flagged_hand_in_shows_its_reasons_to_the_trainer_only(graded):
    course, _ = graded
    autograded = nbformat.read(course / "autograded" / "fay" / MODULE / f"{MODULE}.ipynb", as_version=4)
    note = autograded.cells[0]
    assert note.cell_type == "markdown" and "locked cell q1 was edited" in note.source
    feedback = (course / "feedback" / "fay" / MODULE / f"{MODULE}.html").read_text(encoding="utf-8")
    assert "locked cell q1 was edited" not in feedback and "Flagged for review" not in feedback


def test_the_trainer_grades_a_written_answer_with_its_rubric_below_it(graded):
    """The rubric folds in below the answer in the notebook the formgrader shows; the release and the feedback hold none."""
    course, _ = graded
    phrase = "There is no single right answer"  # from graders/00-orientation/rubrics/reflection.md
    cells = nbformat.read(course / "autograded" / "fay" / MODULE / f"{MODULE}.ipynb", as_version=4).cells
    at = next(i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "reflection")
    assert cells[at].cell_type == "markdown" and phrase in cells[at + 1].source and "<details>" in cells[at + 1].source
    assert phrase not in (course / "release" / MODULE / f"{MODULE}.ipynb").read_text(encoding="utf-8")
    feedback = (course / "feedback" / "fay" / MODULE / f"{MODULE}.html").read_text(encoding="utf-8")
    assert phrase not in feedback and "Rubric for" not in feedback


def test_nbgraders_own_feedback_leaves_the_rubric_and_the_note_out(graded):
    """The formgrader's "generate feedback" button runs nbgrader's converter on autograded/, not crosstrain's writer."""
    course, _ = graded
    result = nbgrader_api(course).generate_feedback(MODULE, "fay")
    assert result["success"], result.get("error")
    feedback = (course / "feedback" / "fay" / MODULE / f"{MODULE}.html").read_text(encoding="utf-8")
    assert "q1" in feedback and "There is no single right answer" not in feedback and "Flagged for review" not in feedback
