"""A syllabus of its own: module 00 as the course has it, and an objection-handling module
05 nobody has written yet (no source, no notes, no graders)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from crosstrain.paths import COURSE_DIR


@pytest.fixture
def course(tmp_path) -> Path:
    root = tmp_path / "course"
    root.mkdir()
    syllabus = yaml.safe_load((COURSE_DIR / "syllabus.yml").read_text(encoding="utf-8"))
    zero = next(m for m in syllabus["modules"] if m["id"] == "00-orientation")
    objections = {"id": "05-objection-handling", "title": "Objection handling: LAER on real call notes",
                  "paths": ["sales"], "minutes": {"self_study": 60, "workshop": 60}, "points": 10,
                  "objectives": [{"id": "laer", "text": "Explore an objection before responding.", "exercises": ["q1"]}]}
    syllabus["modules"] = [zero, objections]
    (root / "syllabus.yml").write_text(yaml.safe_dump(syllabus, sort_keys=False), encoding="utf-8")
    shutil.copy(COURSE_DIR / "nbgrader_config.py", root / "nbgrader_config.py")
    return root


@pytest.fixture
def cli():
    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "crosstrain", *args], capture_output=True, text=True, cwd=cwd, timeout=300)
    return run
