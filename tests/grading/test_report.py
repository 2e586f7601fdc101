"""The cohort report as a page to share: whole learners, titled exercises, no machine paths,
and the hand-in that could not be read listed apart instead of drawn as a zero."""

from __future__ import annotations

import re

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from crosstrain.grading.export import Row, Sheet
from crosstrain.grading.report import exercise_titles, write_report

MODULE = "00-orientation"
COLUMNS = ["q1", "q2"]
MAX = {"q1": 4.0, "q2": 2.0}


def _sheet(tmp_path) -> Sheet:
    broken = f"{tmp_path}/hand-ins/dan/{MODULE}.ipynb cannot be read, it is not valid JSON (line 1): scored zero"
    rows = [
        Row("ann", MODULE, "graded", 6, 6, {"q1": 4, "q2": 2}),
        Row("ben", MODULE, "graded", 3, 6, {"q1": 2, "q2": 1}, flags=["locked cell q2 was edited: the released version was graded"]),
        Row("cat", MODULE, "graded", 0, 6, {"q1": 0, "q2": 0}),
        Row("dan", MODULE, "not graded", 0, 6, {"q1": 0, "q2": 0}, flags=[broken]),
    ]
    return Sheet(MODULE, COLUMNS, MAX, rows)


def _course(tmp_path):
    release = tmp_path / "course" / "release" / MODULE
    release.mkdir(parents=True)
    grade = lambda gid: {"nbgrader": {"grade_id": gid, "grade": True, "solution": False, "points": MAX[gid]}}  # noqa: E731
    nb = new_notebook(cells=[
        new_markdown_cell("# Orientation\n\n## Warm-up 1: how many leads?"), new_code_cell("ex.q1.check(n)", metadata=grade("q1")),
        new_markdown_cell("## Warm-up 2: how many leads became MQLs?"), new_code_cell("ex.q2.check(s)", metadata=grade("q2")),
    ])
    nbformat.write(nb, release / f"{MODULE}.ipynb")
    return tmp_path / "course"


def _page(tmp_path) -> str:
    course = _course(tmp_path)
    summary = [f"{MODULE}: graded 3, skipped 0 unchanged, not graded 1, flagged 2 for review",
               f"grades:   {course}/reports/{MODULE}-grades.csv"]
    objectives = [("funnel-shares", "Read the funnel", ("q1", "q2"))]
    path = write_report(_sheet(tmp_path), objectives, tmp_path / "report.html", summary, exercise_titles(course, MODULE))
    return path.read_text(encoding="utf-8")


def _svgs(page: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", page, flags=re.S)


def _texts(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if t.strip()]


def test_no_machine_paths_in_a_page_meant_to_be_shared(tmp_path):
    page = _page(tmp_path)
    outside_charts = re.sub(r"<svg.*?</svg>", "", page, flags=re.S)
    assert str(tmp_path) not in page
    assert not re.search(r"(?<![\w.:/])/(?:[\w.+-]+/)+[\w.+-]+", outside_charts), outside_charts
    assert f"{MODULE}.ipynb cannot be read" in page and f"{MODULE}-grades.csv" in page


def test_the_learner_axis_counts_whole_learners(tmp_path):
    distribution = _svgs(_page(tmp_path))[0]
    numbers = [t for t in _texts(distribution) if re.fullmatch(r"[\d.\u2212-]+", t)]
    assert numbers and all(float(n.replace("\u2212", "-")).is_integer() for n in numbers), numbers
    assert "learners" in _texts(distribution)


def test_exercise_bars_carry_their_titles(tmp_path):
    labels = " ".join(_texts(_svgs(_page(tmp_path))[1]))
    assert "Warm-up 1: how many leads?" in labels
    assert "Warm-up 2: how many leads" in labels and "q2" in labels


def test_the_unreadable_hand_in_is_listed_apart_not_drawn_as_a_zero(tmp_path):
    page = _page(tmp_path)
    assert "3 learners graded; 1 hand-in could not be graded" in page
    apart = page.split("<h2>Could not be graded</h2>")[1].split("<h2>")[0]
    assert "dan" in apart and "not valid JSON" in apart
    matrix = _svgs(page)[2]
    assert {"ann", "ben", "cat"} <= set(_texts(matrix)) and "dan" not in _texts(matrix)
    flagged = page.split("<h2>Flagged for review</h2>")[1]
    assert "ben" in flagged and "dan" not in flagged


def test_long_lines_wrap_instead_of_overflowing(tmp_path):
    page = _page(tmp_path)
    assert "<pre" not in page and "overflow-wrap:anywhere" in page and "svg{max-width:100%" in page
