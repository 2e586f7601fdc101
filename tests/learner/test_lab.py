"""``crosstrain lab`` starts a real JupyterLab on the workspace (and stops it again)."""

from __future__ import annotations

import json
import socket

import pytest
from labserver import Lab, free_port, get

from crosstrain.learner.workspace import module_notebook, prepare

MODULE = "00-orientation"


@pytest.mark.server
def test_lab_serves_the_workspace_and_keeps_an_edited_notebook(course, tmp_path):
    ws = tmp_path / "ws"
    prepare(ws, "all", course)
    notebook = module_notebook(ws, MODULE)
    mine = notebook.read_text().replace("# YOUR CODE HERE", "n_leads = 1  # my first try", 1)
    notebook.write_text(mine)
    port = free_port()
    lab = Lab(["--workspace", str(ws), "--port", str(port), "--no-browser", "--course", str(course)], tmp_path / "lab.log")
    try:
        assert lab.wait_for(f"http://127.0.0.1:{port}/lab") == 200
        status, body = get(f"http://127.0.0.1:{port}/api/contents/{MODULE}/{MODULE}.ipynb")
        assert status == 200
        served = json.loads(body)
        assert served["type"] == "notebook"
        assert "n_leads = 1  # my first try" in json.dumps(served["content"])
    finally:
        lab.stop()
    assert lab.proc.returncode is not None
    output = lab.log.read_text()
    assert f"{MODULE}/{MODULE}.ipynb: yours (changed since it was copied), kept as it is" in output
    assert notebook.read_text() == mine


@pytest.mark.server
def test_trainer_lab_runs_from_the_course_so_formgrader_finds_it(course, tmp_path):
    port = free_port()
    lab = Lab(["--trainer", "--port", str(port), "--no-browser", "--course", str(course)], tmp_path / "lab.log")
    try:
        lab.wait_for(f"http://127.0.0.1:{port}/lab")
        status, body = get(f"http://127.0.0.1:{port}/api/contents/")
        names = {item["name"] for item in json.loads(body)["content"]}
        assert {"nbgrader_config.py", "syllabus.yml", "release"} <= names
        status, body = get(f"http://127.0.0.1:{port}/formgrader/api/assignments")
        assert status == 200
        assert MODULE in {a["name"] for a in json.loads(body)}
    finally:
        lab.stop()
    assert "No nbgrader_config.py file found" not in lab.log.read_text()


def test_port_in_use_is_one_line_and_touches_nothing(course, tmp_path, cli):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("lab", "--workspace", str(tmp_path / "ws"), "--port", str(port), "--no-browser", "--course", str(course))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: port {port} is in use (another Jupyter?): pick a free one with --port, or stop what runs there"
    assert not (tmp_path / "ws").exists()


def test_unknown_path_is_one_line(course, tmp_path, cli):
    result = cli("lab", "--path", "finance", "--workspace", str(tmp_path / "ws"), "--no-browser", "--course", str(course))
    assert result.returncode == 2
    assert result.stderr.strip() == "error: unknown path 'finance': choose one of marketing, sales, everyone, all"
