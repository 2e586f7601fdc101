"""``crosstrain lab`` runs an assessment module's notebook on a kernel without the answers.

Module 03 is built in assessment mode into a scratch course whose syllabus lists only it;
the workspace is readied as ``crosstrain lab`` readies it (``open_workspace``, without
starting Lab), and the kernel the notebook names is started from the kernelspec written
into the workspace, as Lab would start it. From inside, the module's exercise table and
the grader cannot be imported, the course is absent, and ``ex.q1.check`` still runs.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import nbformat
import pytest
import yaml
from handins import assessment_course
from handins import tiny_world as tiny_env
from jupyter_client.manager import start_new_kernel

from crosstrain.errors import CrosstrainError
from crosstrain.grading import sandbox
from crosstrain.grading.labkernel import LAB_UIDS, kernel_argv
from crosstrain.grading.learner_lib import library_of
from crosstrain.learner.assessment import DATA, KERNEL, lab_config
from crosstrain.learner.lab import open_workspace
from crosstrain.learner.workspace import module_notebook, prepare
from crosstrain.notebook.spec import ONLY_SHAPE

MODULE = "03-funnel-handoff"
HIDDEN = ("crosstrain.notebook.exercises.funnel_handoff.table", "crosstrain.grading")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Module 03 built as an assessment, in a course that lists nothing else (nothing else to build)."""
    course = assessment_course(tmp_path_factory.mktemp("lab"), MODULE)
    syllabus = yaml.safe_load((course / "syllabus.yml").read_text(encoding="utf-8"))
    syllabus["modules"] = [m for m in syllabus["modules"] if m["id"] == MODULE]
    (course / "syllabus.yml").write_text(yaml.safe_dump(syllabus, sort_keys=False), encoding="utf-8")
    return course


def _probe(course) -> str:
    hidden = "\n".join(f"""
try:
    importlib.import_module({name!r})
    print("IMPORTED {name}")
except ImportError as exc:
    print("HIDDEN {name}", type(exc).__name__)""" for name in HIDDEN)
    return f"""import importlib, os
{hidden}
import crosstrain
print("PACKAGE", list(crosstrain.__path__), "UID", os.getuid(), "COURSE", os.path.exists({str(course / "source")!r}))
from crosstrain.notebook import start
world, ex = start({MODULE!r})
ex.q1.check("all of them")
"""


def _run(client, code: str) -> str:
    out = []
    reply = client.execute_interactive(code, timeout=300, output_hook=lambda msg: out.append(
        msg["content"].get("text", "") or msg["content"].get("evalue", "")
        or msg["content"].get("data", {}).get("text/plain", "")))  # check() shows a card with a plain-text part
    assert reply["content"]["status"] == "ok", "".join(out)
    return "".join(out)


@pytest.mark.kernel
def test_the_assessment_notebook_runs_on_a_kernel_without_the_answers(course, tmp_path, monkeypatch, tiny_world):
    before = os.environ.get("JUPYTER_PATH")
    lines = []
    report = open_workspace(tmp_path / "ws", "all", course, None, kernel_argv=kernel_argv, echo=lines.append)
    assert report.assessed == [MODULE]
    assert lines[-1].startswith(f"{MODULE}: assessment, runs on a kernel that sees only the learner's install")
    kernelspec = json.loads(module_notebook(report.workspace, MODULE).read_text())["metadata"]["kernelspec"]
    assert kernelspec["name"] == KERNEL
    assert os.environ.get("JUPYTER_PATH") == before  # Lab's environment alone names the workspace's kernels
    monkeypatch.setenv("JUPYTER_PATH", lab_config(report.workspace)[1]["JUPYTER_PATH"])
    assert os.environ["JUPYTER_PATH"].split(os.pathsep)[0] == str(report.workspace / DATA)

    with tiny_env():
        km, client = start_new_kernel(kernel_name=kernelspec["name"], startup_timeout=120)
    try:
        seen = _run(client, _probe(course))
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)
    for name in HIDDEN:
        assert f"HIDDEN {name} ModuleNotFoundError" in seen, seen
    package = [str(library_of(course).resolve() / "crosstrain")]
    uid = int(seen.split("UID ")[1].split()[0])
    assert f"PACKAGE {package}" in seen and uid in LAB_UIDS and "COURSE False" in seen, seen
    assert "q1: Not yet: Your answer is a str" in seen and ONLY_SHAPE in seen, seen  # the self-check ran: type and shape only


def test_without_a_sandbox_an_assessment_is_one_line_and_no_kernel(course, tmp_path, monkeypatch):
    """Not root: no assessment kernel, and never the full install in its place."""
    monkeypatch.setattr(sandbox.os, "geteuid", lambda: 1000)
    with pytest.raises(CrosstrainError, match=rf"^{MODULE} is an assessment, .* cannot do \(it takes root on Linux\): "
                                              r"work on it on the course hub, or on the trainer's machine with sudo crosstrain lab$"):
        open_workspace(tmp_path / "ws", "all", course, None, kernel_argv=kernel_argv, echo=lambda line: None)
    assert not (tmp_path / "ws" / DATA).exists()
    assert str(tmp_path / "ws" / DATA) not in os.environ.get("JUPYTER_PATH", "")


def test_a_second_run_keeps_the_kernel_and_a_learners_own_notebook_gets_it(course, tmp_path):
    ws = tmp_path / "ws"
    prepare(ws, "all", course)
    assert prepare(ws, "all", course).lines == []  # the kernel's name is part of what was copied
    notebook = module_notebook(ws, MODULE)
    mine = json.loads(notebook.read_text())
    mine["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    mine["cells"][0]["source"] = "my own notes"
    notebook.write_text(json.dumps(mine))
    report = prepare(ws, "all", course)
    now = nbformat.read(notebook, as_version=4)
    assert now.metadata.kernelspec.name == KERNEL and now.cells[0].source == "my own notes"
    assert f"{MODULE}/{MODULE}.ipynb: yours, kept, now set to run on the assessment kernel" in report.lines


def _labserver():
    """tests/learner/labserver.py: how the learner tests start and stop ``crosstrain lab``."""
    spec = importlib.util.spec_from_file_location("labserver", Path(__file__).parents[1] / "learner" / "labserver.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.server
def test_an_assessment_lab_offers_only_the_assessment_kernel_and_no_terminal(course, tmp_path, tiny_world):
    """A python3 kernel or a terminal beside the notebook would compute with the full install."""
    labserver = _labserver()
    port = labserver.free_port()
    lab = labserver.Lab(["--workspace", str(tmp_path / "ws"), "--port", str(port), "--no-browser", "--course", str(course)],
                        tmp_path / "lab.log")
    base = f"http://127.0.0.1:{port}"
    try:
        lab.wait_for(f"{base}/lab")
        status, body = labserver.get(f"{base}/api/kernelspecs")
        specs = json.loads(body)
        assert status == 200 and set(specs["kernelspecs"]) == {KERNEL} and specs["default"] == KERNEL, specs
        assert labserver.get(f"{base}/api/terminals")[0] in (403, 404)
        assert labserver.get(f"{base}/api/contents/{MODULE}/{MODULE}.ipynb")[0] == 200  # the notebook is served
    finally:
        lab.stop()
    assert "this Lab offers only the assessment kernel and no terminal" in lab.log.read_text()
