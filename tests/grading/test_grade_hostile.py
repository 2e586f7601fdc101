"""Every hostile or broken hand-in in tests/fixtures/submissions gets its defined outcome.

All of them are graded in one batch, beside a correct and a blank learner: the batch
must finish, no hand-in may keep points it did not earn (or it is flagged with the
reason), and neither the controls, the gradebook nor anything outside is harmed.
"""

from __future__ import annotations

import csv
import html
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from handins import MODULE, Kit, fixture_names, fresh_course, load_fixture, tiny_world, write_hand_in
from nbgrader.api import Gradebook

from crosstrain.grading.grade import Summary, grade
from crosstrain.grading.sandbox import Limits

pytestmark = [pytest.mark.kernel]

LIMITS = Limits(timeout=40, cell_timeout=8, memory=1024**3)
AUTOGRADED = ["q1", "q2", "q3", "q4", "q5"]


@dataclass
class Batch:
    summary: Summary
    rows: dict[str, dict]
    course: Path
    hand_ins: Path


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Batch:
    root = tmp_path_factory.mktemp("hostile")
    course = fresh_course(root)
    kit = Kit(course)
    hand_ins = root / "hand-ins"
    write_hand_in(hand_ins, "control_correct", {kit.name: kit.solved()})
    write_hand_in(hand_ins, "control_blank", {kit.name: kit.blank()})
    for name in fixture_names():
        write_hand_in(hand_ins, learner(name), load_fixture(name).hand_in(kit))
    with tiny_world():
        summary = grade(MODULE, hand_ins, course_root=course, workers=2, limits=LIMITS, progress=False)
    with open(summary.csv, newline="", encoding="utf-8") as handle:
        rows = {row["learner"]: row for row in csv.DictReader(handle)}
    return Batch(summary, rows, course, hand_ins)


def learner(fixture: str) -> str:
    """The learner id a fixture hands in as (zip names cut the id at the first '_')."""
    return fixture.replace("_", "-")


def _auto_points(row: dict) -> float:
    return sum(float(row[f"{q} (of {'2' if q == 'q5' else '1'})"] or 0) for q in AUTOGRADED)


def _autograded_text(batch: Batch, learner: str) -> str:
    path = batch.course / "autograded" / learner / MODULE / f"{MODULE}.ipynb"
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.mark.parametrize("name", fixture_names())
def test_hand_in_gets_its_defined_outcome(batch, name):
    outcome = load_fixture(name).OUTCOME
    result = next(r for r in batch.summary.results if r.learner == learner(name))
    row = batch.rows[learner(name)]
    said = "\n".join(result.flags + result.repairs)
    if "status" in outcome:
        assert result.status == outcome["status"] and row["status"] == outcome["status"]
    if "points" in outcome:
        assert _auto_points(row) == outcome["points"], said
    if "max_points" in outcome:
        assert _auto_points(row) <= outcome["max_points"], said
    if "max_score" in outcome:
        assert float(row["max_score"]) == outcome["max_score"]
    if "flag" in outcome:
        assert any(outcome["flag"] in f for f in result.flags), said
        assert outcome["flag"] in row["flags"]
    if "repair" in outcome:
        assert any(outcome["repair"] in r for r in result.repairs), said
    if "output_has" in outcome:
        assert outcome["output_has"] in _autograded_text(batch, learner(name))


def test_the_batch_finishes_with_every_learner_reported(batch):
    learners = {r.learner for r in batch.summary.results}
    assert learners == {learner(n) for n in fixture_names()} | {"control_correct", "control_blank"}
    assert set(batch.rows) == learners


def test_controls_are_untouched_by_hostile_neighbours(batch):
    assert _auto_points(batch.rows["control_correct"]) == 6
    assert batch.rows["control_correct"]["flags"] == ""
    assert batch.rows["control_correct"]["needs_manual_grading"] == "yes"  # the reflection
    assert _auto_points(batch.rows["control_blank"]) == 0


def test_gradebook_solutions_and_outside_files_are_intact(batch):
    con = sqlite3.connect(batch.course / "gradebook.db")
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM student").fetchone()[0] == len(batch.rows)  # not_a_zip too, shown not graded
    con.close()
    source = (batch.course / "source" / MODULE / f"{MODULE}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" in source and "owned" not in source
    assert not (batch.hand_ins.parent / "escaped.txt").exists()
    assert not Path("/tmp/absolute-escape.txt").exists()


def test_rechecked_scores_are_written_to_the_gradebook_and_flagged(batch):
    with Gradebook(f"sqlite:///{batch.course / 'gradebook.db'}") as gb:
        grade = gb.find_grade("q1", MODULE, MODULE, "rebinds-test-helper")
        flagged = gb.find_submission_notebook(MODULE, MODULE, "rebinds-test-helper").flagged
        assert (grade.auto_score, grade.manual_score, grade.score, flagged) == (1.0, 0.0, 0.0, True)


def _text(html_path: Path) -> str:
    """The page's text, syntax-highlighting tags removed."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_path.read_text(encoding="utf-8")))


def test_feedback_shows_no_hidden_tests(batch):
    correct = _text(batch.course / "feedback" / "control_correct" / MODULE / f"{MODULE}.html")
    assert "ex.q1.check(n_leads)" in correct
    assert "HIDDEN TESTS" not in correct and not re.search(r"ex\.q\d\.grade", correct)
    failing = _text(batch.course / "feedback" / "control_blank" / MODULE / f"{MODULE}.html")
    assert "not answered yet" in failing and not re.search(r"ex\.q\d\.grade", failing)  # a blank release says why it scores 0


def test_summary_names_each_flagged_learner_and_where_the_results_are(batch):
    text = "\n".join(batch.summary.lines())
    assert re.match(rf"{MODULE}: graded \d+, skipped 0 unchanged, not graded 3, flagged \d+ for review", text)
    assert "flagged calls-os-exit: kernel died" in text
    assert "NOT GRADED not-a-zip: not-a-zip.zip is not a readable zip file" in text
    assert f"grades:   {batch.summary.csv}" in text and batch.summary.report.is_file()
