"""The leaderboard scores the workshop's modules, not every module the course has built.

Before, a team that finished the session's module read 3%: its points were divided by
the points of all nine built modules.
"""

from __future__ import annotations

import warnings

import pytest
from nbgrader.api import Gradebook

from crosstrain.course.config import COURSE_ID
from crosstrain.errors import CrosstrainError
from crosstrain.grading.nbgrader import nbgrader_on_path
from crosstrain.workshop.leaderboard import build, read_scores, scored_modules
from crosstrain.workshop.plan import make_plan
from crosstrain.workshop.session import planned_modules, save_session

MODULES = {"00-orientation": 6, "03-funnel-handoff": 10, "05-objection-handling": 24}  # points; 05 has no hand-in


@pytest.fixture
def built(course):
    """Every module built in the gradebook; alice has full marks on 00, bob on 00 and half of 03."""
    nbgrader_on_path()
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
        warnings.simplefilter("ignore")
        for module, points in MODULES.items():
            gb.add_assignment(module)
            gb.add_notebook(module, module)
            gb.add_grade_cell("q1", module, module, max_score=points, cell_type="code")
        for learner, got in {"alice": {"00-orientation": 6}, "bob": {"00-orientation": 6, "03-funnel-handoff": 5}}.items():
            gb.add_student(learner)
            for module, score in got.items():
                gb.add_submission(module, learner)
                gb.find_grade("q1", module, module, learner).auto_score = score
            gb.db.commit()
    return course


def test_the_plan_scores_only_its_modules(built):
    save_session(built, "Workshop: Orientation", ["00-orientation"])
    scores = read_scores(built, scored_modules(built))
    assert scores.assignments == ["00-orientation"]
    assert scores.percent("alice") == 100 and scores.percent("bob") == 100
    assert "Assignments: 00-orientation." in build("learner", None, built)


def test_without_a_plan_the_modules_handed_in_are_scored(built):
    assert planned_modules(built) is None
    scores = read_scores(built, scored_modules(built))
    assert scores.assignments == ["00-orientation", "03-funnel-handoff"]
    assert scores.percent("alice") == 100 * 6 / 16 and scores.percent("bob") == 100 * 11 / 16


def test_modules_named_on_the_command_line_win(built, cli):
    save_session(built, "Workshop", ["00-orientation"])
    assert read_scores(built, scored_modules(built, "05")).assignments == ["05-objection-handling"]
    out = built / "board.html"
    run = cli("workshop", "leaderboard", "--modules", "00,05", "--out", str(out), "--course", str(built))
    assert run.returncode == 0, run.stderr
    assert "Assignments: 00-orientation, 05-objection-handling." in out.read_text()
    assert "<td>alice</td><td class=\"num\">20%</td>" in out.read_text()  # 6 of 30 points


def test_a_plan_records_its_modules(course, default_world):
    made = make_plan("00", 60, 2, course_root=course, world=default_world)
    assert made.modules == ["00-orientation"]


def test_a_damaged_session_file_is_one_line(course):
    (course / "workshop-plan.json").write_text("{")
    with pytest.raises(CrosstrainError, match="is damaged"):
        planned_modules(course)
