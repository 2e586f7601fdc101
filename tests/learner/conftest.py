"""A small course of its own per test: module 00 built from its real source by the course
engine (once per session), and a syllabus that also lists a module nobody has written yet.
Tests never build into, or read half-rebuilt files from, the shared course/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from once import once

from crosstrain.paths import COURSE_DIR

MODULE = "00-orientation"


def mini_course(root: Path) -> Path:
    """A course folder listing module 00 and an unwritten 09, with nothing built yet."""
    root.mkdir(parents=True, exist_ok=True)
    syllabus = yaml.safe_load((COURSE_DIR / "syllabus.yml").read_text(encoding="utf-8"))
    zero = next(m for m in syllabus["modules"] if m["id"] == MODULE)
    future = {**zero, "id": "09-future", "title": "A module still being written", "paths": ["sales"],
              "minutes": {"self_study": 30, "workshop": 20}}
    syllabus["modules"] = [zero, future]
    (root / "syllabus.yml").write_text(yaml.safe_dump(syllabus, sort_keys=False), encoding="utf-8")
    shutil.copy(COURSE_DIR / "nbgrader_config.py", root / "nbgrader_config.py")
    return root


@pytest.fixture(scope="session")
def built_course() -> Path:
    """Module 00 built once per test run with the engine's own build (tests copy it: ``course``)."""
    from crosstrain.grading.build import build

    return once("learner-course-00", lambda folder: build([MODULE], mini_course(folder / "course"), progress=False)) / "course"


@pytest.fixture
def course(built_course, tmp_path) -> Path:
    """A private copy of the built course, free to change."""
    return Path(shutil.copytree(built_course, tmp_path / "course"))


@pytest.fixture
def unreleased_course(tmp_path) -> Path:
    return mini_course(tmp_path / "course")


@pytest.fixture
def cli():
    return run_cli


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real ``crosstrain`` entry point in a child process."""
    return subprocess.run([sys.executable, "-m", "crosstrain", *args], capture_output=True, text=True, cwd=cwd, timeout=300)
