"""Run All on a blank release runs to the end: every lesson cell, chart and widget.

Each module's release answer cell starts as ``x = ____`` (``crosstrain.notebook.placeholder``)
instead of ``raise NotImplementedError()``, which stopped Run All at exercise 1. Here every
module is built and its blank release executed top to bottom, as Run All does (stop at the
first error): no cell fails, every check cell says its exercise is not answered yet, and
each lesson cell that draws a learner's answer says it is waiting for one.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from crosstrain.course.config import notebook_path
from crosstrain.grading.build import build
from crosstrain.notebook.exercises import MODULES
from crosstrain.paths import COURSE_DIR, MODULES_DIR

pytestmark = pytest.mark.kernel


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("blank") / "course"
    root.mkdir()
    for name in ("nbgrader_config.py", "syllabus.yml"):
        shutil.copy(COURSE_DIR / name, root / name)
    build(list(MODULES), root, MODULES_DIR, progress=False)
    return root


def _text(cell) -> str:
    return "\n".join(out.get("text", "") if out.output_type == "stream" else str(out.get("data", {}).get("text/plain", ""))
                     for out in cell.get("outputs", []))


@pytest.mark.parametrize("module", list(MODULES))
def test_run_all_on_a_blank_release_runs_every_cell(course, module, monkeypatch):
    monkeypatch.setenv("CROSSTRAIN_WORLD", "tiny")
    notebook = nbformat.read(notebook_path(course, "release", module), as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3", shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(notebook_path(course, "release", module).parent)}}).execute()  # raises CellExecutionError at the first failing cell
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "a code cell did not run"
    checks = [c for c in code if c.metadata.get("nbgrader", {}).get("grade")]
    assert checks, f"{module} has no check cell"
    for cell in checks:
        name = cell.metadata["nbgrader"]["grade_id"]
        assert f"{name}: Not answered yet: " in _text(cell), _text(cell)
        html = "".join(str(out.get("data", {}).get("text/html", "")) for out in cell.outputs)
        assert "crosstrain-not-answered-yet" in html and "Not answered yet" in html
    charts = [c for c in code if ".plot" in c.source and ".answered(" not in c.source]
    for cell in charts:  # every lesson chart that does not draw an answer is drawn
        assert any("image/png" in out.get("data", {}) for out in cell.outputs), cell.source
    waiting = [c for c in code if ".answered(" in c.source and c.metadata.get("nbgrader", {}).get("grade") is None]
    for cell in waiting:
        assert "Waiting for your answer" in _text(cell), cell.source
