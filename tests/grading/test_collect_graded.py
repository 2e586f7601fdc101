"""Links and bloat seen through a whole batch: refused or cut, flagged, and the batch finishes.

A learner folder that links to another learner's folder or to the course's solutions is
not graded (it used to score 6/6); a notebook saved with 20,000 cells and 45 MB of outputs
is cut and graded, and its feedback page stays small.
"""

from __future__ import annotations

import csv

import pytest
from handins import MODULE, Kit, Link, fresh_course, load_fixture, tiny_world, write_hand_in

from crosstrain.grading.grade import grade
from crosstrain.grading.sandbox import Limits

pytestmark = [pytest.mark.kernel]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("collect-graded")
    course = fresh_course(root)
    kit = Kit(course)
    hand_ins = root / "hand-ins"
    write_hand_in(hand_ins, "ann", {kit.name: kit.solved()})
    write_hand_in(hand_ins, "ben", {"<folder>": Link("ann")})
    write_hand_in(hand_ins, "cat", {"<folder>": Link(str(course / "source" / MODULE))})
    write_hand_in(hand_ins, "dan", load_fixture("saves_bloated_notebook").hand_in(kit))
    with tiny_world():
        summary = grade(MODULE, hand_ins, course_root=course, workers=2, progress=False,
                        limits=Limits(timeout=60, cell_timeout=10, memory=1024**3))
    with open(summary.csv, newline="", encoding="utf-8") as handle:
        rows = {row["learner"]: row for row in csv.DictReader(handle)}
    return summary, rows, course


@pytest.mark.parametrize("learner, target", [("ben", "ann"), ("cat", f"source/{MODULE}")])
def test_a_learner_folder_that_is_a_link_is_not_graded_and_says_why(batch, learner, target):
    summary, rows, course = batch
    result = next(r for r in summary.results if r.learner == learner)
    assert result.status == "not graded" and rows[learner]["status"] == "not graded"
    assert rows[learner]["score"] in ("", "0")
    [flag] = result.flags
    assert flag.startswith(f"{learner} in hand-ins is a link (to ") and target in flag
    assert "links are never followed" in flag and flag in rows[learner]["flags"]
    assert not (course / "submitted" / learner).exists()
    assert f"NOT GRADED {learner}: {learner} in hand-ins is a link" in "\n".join(summary.lines())


def test_a_bloated_hand_in_is_cut_graded_and_its_feedback_stays_small(batch):
    summary, rows, course = batch
    result = next(r for r in summary.results if r.learner == "dan")
    assert result.status == "graded" and rows["dan"]["score"] == rows["ann"]["score"] == "6"
    cut = next(f for f in result.flags if "cells were cut" in f)
    assert cut.startswith(f"{MODULE}.ipynb has 20,027 cells, more than the 135 accepted")
    assert any("MB of outputs: dropped before grading" in f for f in result.flags)
    page = course / "feedback" / "dan" / MODULE / f"{MODULE}.html"
    assert page.stat().st_size < 2 * (course / "feedback" / "ann" / MODULE / f"{MODULE}.html").stat().st_size
