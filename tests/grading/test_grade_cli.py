"""``crosstrain grade`` as a trainer runs it: a small cohort, the summary, the files, a re-run."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from handins import MODULE, fresh_course, tiny_world
from nbgrader.api import Gradebook

from crosstrain.course.config import course_config
from crosstrain.grading.cohort import write_cohort
from crosstrain.grading.nbgrader import nbgrader_api

pytestmark = [pytest.mark.kernel]

CLI = [str(Path(sys.executable).parent / "crosstrain")]
COHORT = {"ann": "correct", "ben": "partial", "cat": "blank", "dan": "broken"}


def _grade(course: Path, hand_ins: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CROSSTRAIN_WORLD": "tiny"}
    return subprocess.run(CLI + ["grade", MODULE, "--from", str(hand_ins), "--course", str(course), "--quiet",
                                 "--timeout", "600", "--cell-timeout", "300", *extra], capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    course = fresh_course(root)
    hand_ins = write_cohort(course, MODULE, root / "hand-ins", COHORT)
    first = _grade(course, hand_ins)
    return course, hand_ins, first


def test_a_cohort_is_graded_and_summarised(graded):
    course, _, run = graded
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"{MODULE}: graded 3, skipped 0 unchanged, not graded 1, flagged 1 for review"
    assert lines[1].startswith(f"  NOT GRADED dan: {MODULE}.ipynb cannot be read, it is not valid JSON")
    assert f"grades:   {course.resolve() / 'reports' / f'{MODULE}-grades.csv'}" in lines
    assert lines[-1].startswith("kernels:  ")


def test_the_csv_has_a_row_per_learner_with_exercises_and_manual_grading(graded):
    course, _, _ = graded
    with open(course / "reports" / f"{MODULE}-grades.csv", newline="") as handle:
        rows = {row["learner"]: row for row in csv.DictReader(handle)}
    assert list(rows["ann"])[:6] == ["learner", "assignment", "status", "score", "max_score", "percent"]
    assert [rows[name]["score"] for name in COHORT] == ["6", "3", "0", "0"]
    assert rows["ann"]["q5 (of 2)"] == "2" and rows["ann"]["reflection (of 2)"] == ""
    assert rows["ann"]["needs_manual_grading"] == "yes" and rows["cat"]["needs_manual_grading"] == "no"
    assert "not valid JSON" in rows["dan"]["flags"]


def test_the_report_has_its_plots_and_the_flagged_list(graded):
    course, _, _ = graded
    page = (course / "reports" / f"{MODULE}-report.html").read_text()
    assert page.count("<svg") == 3
    assert "Competency by objective" in page and "funnel-shares" in page
    apart = page.split("<h2>Could not be graded</h2>")[1].split("<h2>")[0]
    assert "dan" in apart and "not valid JSON" in apart and str(course.resolve()) not in page


def test_rerunning_skips_unchanged_hand_ins_and_force_regrades(graded):
    course, hand_ins, _ = graded
    again = _grade(course, hand_ins)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"{MODULE}: graded 0, skipped 3 unchanged, not graded 1, flagged 1 for review"), again.stdout
    (hand_ins / "cat" / f"{MODULE}.ipynb").write_text((hand_ins / "ann" / f"{MODULE}.ipynb").read_text())
    changed = _grade(course, hand_ins)
    assert changed.stdout.startswith(f"{MODULE}: graded 1, skipped 2 unchanged"), changed.stdout
    forced = _grade(course, hand_ins, "--force")
    assert forced.stdout.startswith(f"{MODULE}: graded 3, skipped 0 unchanged, not graded 1"), forced.stdout
    with open(course / "reports" / f"{MODULE}-grades.csv", newline="") as handle:
        assert {row["learner"]: row["score"] for row in csv.DictReader(handle)}["cat"] == "6"


def test_scores_agree_with_stock_nbgrader_autograde(tmp_path):
    """The same hand-ins graded by nbgrader's own autograde and by crosstrain grade."""
    ours, stock = fresh_course(tmp_path / "ours"), fresh_course(tmp_path / "stock")
    learners = {"ann": "correct", "ben": "partial", "cat": "blank"}
    hand_ins = write_cohort(ours, MODULE, tmp_path / "hand-ins", learners)
    for learner in learners:
        dest = stock / "submitted" / learner / MODULE
        dest.mkdir(parents=True)
        (dest / f"{MODULE}.ipynb").write_bytes((hand_ins / learner / f"{MODULE}.ipynb").read_bytes())
    with tiny_world():
        api = nbgrader_api(stock)
        for learner in learners:
            assert api.autograde(MODULE, learner)["success"]
        run = _grade(ours, hand_ins)
    assert run.returncode == 0, run.stderr
    scores = []
    for course in (ours, stock):
        with Gradebook(course_config(course).CourseDirectory.db_url) as gb:
            scores.append({(s.student.id, g.name): (g.score, g.needs_manual_grade)
                           for s in gb.find_assignment(MODULE).submissions for n in s.notebooks for g in n.grades})
    assert scores[0] == scores[1]
    assert scores[0][("ann", "q5")] == (2.0, False) and scores[0][("ann", "reflection")][1] is True
