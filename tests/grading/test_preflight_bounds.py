"""Pre-flight bounds a bloated hand-in: outputs dropped, extra cells cut, each cut flagged."""

from __future__ import annotations

import json

import nbformat

from crosstrain.grading.bounds import MAX_KEPT, bound, cell_limit


def _release() -> list:
    answer = nbformat.v4.new_code_cell("# YOUR CODE HERE")
    answer.metadata["nbgrader"] = {"grade_id": "q1_answer", "solution": True}
    test = nbformat.v4.new_code_cell("check(x)")
    test.metadata["nbgrader"] = {"grade_id": "q1", "grade": True, "points": 1}
    return [nbformat.v4.new_markdown_cell("# Intro"), answer, test, nbformat.v4.new_markdown_cell("# The end")]


def _hand_in(extra: int, output_chars: int) -> dict:
    release = _release()
    pad = [{"cell_type": "code", "metadata": {}, "execution_count": 1, "source": f"pad = {i}",
            "outputs": [{"output_type": "stream", "name": "stdout", "text": "x" * output_chars}]} for i in range(extra)]
    cells = [json.loads(json.dumps(c)) for c in release]
    return {"cells": cells[:2] + pad + cells[2:], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_a_hand_in_within_bounds_is_left_alone_but_for_its_outputs():
    raw = _hand_in(extra=3, output_chars=10)
    flags: list[str] = []
    assert bound(raw, "nb.ipynb", len(json.dumps(raw)), _release(), flags) == ""
    assert len(raw["cells"]) == 7 and flags == []
    assert all(c["outputs"] == [] for c in raw["cells"] if c["cell_type"] == "code")


def test_extra_cells_are_cut_keeping_the_release_and_the_first_added_ones():
    raw = _hand_in(extra=20_000, output_chars=2_000)
    size = len(json.dumps(raw))
    flags: list[str] = []
    assert bound(raw, "nb.ipynb", size, _release(), flags) == ""
    limit = cell_limit(4)
    cells = raw["cells"]
    assert len(cells) == limit
    assert [c["source"] for c in cells[:3]] == ["# Intro", "# YOUR CODE HERE", "pad = 0"]
    assert [c["source"] for c in cells[-2:]] == ["check(x)", "# The end"]
    assert flags[0] == (f"nb.ipynb has 20,004 cells, more than the {limit} accepted (5 times the release's 4): "
                        f"the last {20_004 - limit:,} added cells were cut before grading")
    assert flags[1].startswith("nb.ipynb was saved with 4") and "MB of outputs: dropped before grading" in flags[1]
    assert len(json.dumps(raw)) < 50_000


def test_copies_of_tagged_cells_do_not_crowd_out_the_release():
    raw = _hand_in(extra=0, output_chars=0)
    forged = {"cell_type": "code", "metadata": {"nbgrader": {"grade_id": "q1", "grade": True, "points": 1}},
              "source": "check(x)", "outputs": [], "execution_count": None}
    raw["cells"] = [json.loads(json.dumps(forged)) for _ in range(5_000)] + raw["cells"]
    flags: list[str] = []
    bound(raw, "nb.ipynb", 0, _release(), flags)
    assert len(raw["cells"]) == cell_limit(4)
    tail = raw["cells"][-4:]  # the release's cells, the last copy of q1 (the graded one) among them
    assert [c["source"] for c in tail] == ["# Intro", "# YOUR CODE HERE", "check(x)", "# The end"]


def test_a_notebook_still_too_large_without_outputs_is_refused():
    raw = _hand_in(extra=0, output_chars=0)
    raw["cells"][1]["source"] = "data = '" + "x" * (MAX_KEPT + 1) + "'"
    flags: list[str] = []
    problem = bound(raw, "nb.ipynb", len(json.dumps(raw)), _release(), flags)
    assert problem.startswith("nb.ipynb holds 5.0 MB of code and text, over the 5 MB limit: scored zero")
