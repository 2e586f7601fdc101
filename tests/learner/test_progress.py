"""Progress is read from notebooks really executed by a kernel, as a learner leaves them."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from crosstrain.learner.progress import FAILING, PASSED, TODO, UNCHECKED, WRITTEN, scan, show, table
from crosstrain.learner.workspace import module_notebook, prepare

MODULE = "00-orientation"


def answer(notebook, grade_id: str, source: str) -> None:
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    cell.source = source


@pytest.fixture(scope="module")
def worked(tmp_path_factory, built_course):
    """A workspace where q1 is right, q2 wrong, q3 answered but never run, the rest untouched,
    the reflection written; executed in a real kernel and saved."""
    ws = tmp_path_factory.mktemp("progress") / "ws"
    prepare(ws, "sales", built_course)
    path = module_notebook(ws, MODULE)
    notebook = nbformat.read(path, as_version=4)
    answer(notebook, "q1_answer", "n_leads = len(world.leads)")
    answer(notebook, "q2_answer", "mql_share = world.leads.mql_at.notna().sum()")
    answer(notebook, "reflection", "Marketing owns the lead until the MQL; we watch the SLA.")
    NotebookClient(notebook, timeout=300, allow_errors=True, shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    answer(notebook, "q3_answer", 'top_channel = "email"')  # typed after the run...
    check = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q3")
    check.outputs, check.execution_count = [], None  # ...and its check cell never run
    nbformat.write(notebook, path)
    return ws, built_course


@pytest.mark.kernel
def test_states_follow_the_saved_outputs(worked):
    ws, course = worked
    (zero, future) = scan(ws, course)
    states = {e.name: e.state for e in zero.exercises}
    assert states == {"q1": PASSED, "q2": FAILING, "q3": UNCHECKED, "q4": TODO, "q5": TODO, "reflection": WRITTEN}
    assert zero.points_done == 1 + 2  # q1 (1 point) and the written reflection (2 points)
    assert zero.minutes_left == round(zero.module.self_study_minutes * (1 - 3 / zero.module.points))
    assert future.notebook is None and future.minutes_left == future.module.self_study_minutes


@pytest.mark.kernel
def test_table_and_cli(worked, cli):
    ws, course = worked
    text = table(scan(ws, course))
    assert "00-orientation: q1 passed, q2 check fails, q3 not checked, q4 to do, q5 to do, reflection written" in text
    assert "09-future: not in your workspace yet" in text
    result = cli("progress", "--workspace", str(ws), "--course", str(course))
    assert result.returncode == 0, result.stderr
    assert "1/5 passed, 1 failing" in result.stdout
    assert result.stdout.splitlines()[0].split() == ["module", "done", "self-checks", "points", "minutes", "left"]


@pytest.mark.kernel
def test_show_finds_the_workspace_from_a_module_folder(worked, monkeypatch):
    ws, course = worked
    monkeypatch.chdir(ws / MODULE)  # where the notebook's kernel runs
    html = show(course_root=course).data
    assert "Your progress" in html and "q1 passed" in html and "09-future" in html


def test_show_outside_a_workspace_says_how_to_start(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "crosstrain lab" in show().data


def test_missing_workspace_is_one_line(tmp_path, cli):
    result = cli("progress", "--workspace", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: no workspace at {tmp_path / 'nowhere'}: run crosstrain lab first, or give --workspace"
