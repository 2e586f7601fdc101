"""The whole hand-in without a hub: a learner submits a zip, the trainer grades the folder of
zips with ``crosstrain grade``, and the leaderboard shows the grade."""

from __future__ import annotations

import csv

import nbformat
import pytest

from crosstrain.learner.workspace import module_notebook, prepare

MODULE = "00-orientation"


@pytest.mark.kernel
def test_emailed_zip_is_graded_and_ranked(course, tmp_path, cli):
    ws = tmp_path / "ws"
    prepare(ws, "all", course)
    path = module_notebook(ws, MODULE)
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer":
            cell.source = "n_leads = len(world.leads)"
    nbformat.write(notebook, path)

    packed = cli("submit", "00", "--workspace", str(ws), "--learner", "alice", "--out", str(tmp_path / "inbox"), "--course", str(course))
    assert packed.returncode == 0, packed.stderr
    graded = cli("grade", MODULE, "--from", str(tmp_path / "inbox"), "--course", str(course), "--quiet", "--workers", "1")
    assert graded.returncode == 0, graded.stderr
    assert "graded 1" in graded.stdout
    with open(course / "reports" / f"{MODULE}-grades.csv", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["learner"] == "alice" and row["status"] == "graded"
    assert float(row["score"]) == 1 and float(row["q1 (of 1)"]) == 1 and float(row["q2 (of 1)"]) == 0

    board = cli("workshop", "leaderboard", "--out", str(tmp_path / "board.html"), "--course", str(course))
    assert board.returncode == 0, board.stderr
    assert '<td>alice</td><td class="num">12%</td>' in (tmp_path / "board.html").read_text()
