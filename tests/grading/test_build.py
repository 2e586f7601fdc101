"""``crosstrain build``: nbgrader's generate_assignment, in-process, idempotent."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from crosstrain.course.config import notebook_path
from crosstrain.grading.build import build
from crosstrain.paths import COURSE_DIR, MODULES_DIR

MODULE = "00-orientation"
CLI = [str(Path(sys.executable).parent / "crosstrain")]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A scratch course and module sources, built once."""
    root = tmp_path_factory.mktemp("course")
    course, modules = root / "course", root / "modules"
    course.mkdir()
    for name in ("nbgrader_config.py", "syllabus.yml"):
        shutil.copy(COURSE_DIR / name, course / name)
    shutil.copytree(MODULES_DIR / MODULE, modules / MODULE)
    first = build([MODULE], course, modules, progress=False)
    return course, modules, first


def test_first_build_writes_source_and_release(course):
    root, _, first = course
    assert [(b.module, b.status) for b in first] == [(MODULE, "built")]
    assert notebook_path(root, "source", MODULE).is_file() and (root / "gradebook.db").is_file()


def test_release_has_no_solutions_hidden_tests_or_model_answers(course):
    root, modules, _ = course
    release = nbformat.read(notebook_path(root, "release", MODULE), as_version=4)
    text = nbformat.writes(release)
    for secret in ("len(world.leads)", "BEGIN SOLUTION", "HIDDEN TESTS", ".grade(", "I am joining sales"):
        assert secret not in text, secret
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in release.cells if "nbgrader" in c.metadata}
    assert cells["q1_answer"].source == "n_leads = ____  # replace ____ with your answer (more lines below are fine)\n# YOUR CODE HERE"
    assert cells["q1"].source == "ex.q1.check(n_leads)"
    assert cells["reflection"].source == "YOUR ANSWER HERE"
    assert all(c.metadata["nbgrader"]["locked"] for k, c in cells.items() if k in ("setup", "front_matter", "q1", "teams"))


def test_second_build_changes_nothing_and_says_so(course):
    root, modules, _ = course
    release = notebook_path(root, "release", MODULE)
    before = (release.read_bytes(), release.stat().st_mtime_ns)
    again = build([MODULE], root, modules, progress=False)
    assert [b.status for b in again] == ["unchanged"]
    assert (release.read_bytes(), release.stat().st_mtime_ns) == before


def test_changed_module_is_rebuilt_over_the_gradebook(course):
    root, modules, _ = course
    path = modules / MODULE / f"{MODULE}.py"
    path.write_text(path.read_text().replace("## Warm-up 1: how many leads?", "## Warm-up 1: count the leads"))
    again = build([MODULE], root, modules, progress=False)
    assert [b.status for b in again] == ["built"]
    assert "count the leads" in notebook_path(root, "release", MODULE).read_text()


def _cli(*args, cwd=None):
    return subprocess.run(CLI + list(args), capture_output=True, text=True, cwd=cwd, timeout=300)


def test_cli_unknown_module_is_one_line_listing_modules():
    result = _cli("build", "99-nope", "--quiet")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: unknown module '99-nope': the modules are 00-orientation")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_course_without_config_is_one_line(tmp_path):
    result = _cli("build", "--course", str(tmp_path), "--quiet")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: ") and "no nbgrader_config.py" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_nbgrader_config_file_uses_the_same_settings():
    from traitlets.config.loader import PyFileConfigLoader

    from crosstrain.course.config import course_config

    loaded = PyFileConfigLoader("nbgrader_config.py", path=str(COURSE_DIR)).load_config()
    assert loaded.CourseDirectory == course_config(COURSE_DIR).CourseDirectory
    assert loaded.CourseDirectory.db_url == f"sqlite:///{COURSE_DIR.resolve() / 'gradebook.db'}"
