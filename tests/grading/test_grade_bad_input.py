"""Bad input to ``crosstrain grade``: one clear line, exit status 2, nothing lost."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from handins import MODULE, fresh_course

from crosstrain.grading.cohort import write_cohort

CLI = [str(Path(sys.executable).parent / "crosstrain")]


def _grade(course: Path, hand_ins: Path, assignment: str = MODULE) -> subprocess.CompletedProcess:
    env = {**os.environ, "CROSSTRAIN_WORLD": "tiny"}
    return subprocess.run(CLI + ["grade", assignment, "--from", str(hand_ins), "--course", str(course), "--quiet"],
                          capture_output=True, text=True, env=env, timeout=600)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def course_and_hand_ins(tmp_path):
    course = fresh_course(tmp_path)
    return course, write_cohort(course, MODULE, tmp_path / "hand-ins", {"ann": "correct"})


def _one_error_line(run: subprocess.CompletedProcess) -> str:
    assert run.returncode == 2, run.stdout + run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), run.stderr
    return lines[0]


def test_unknown_assignment(course_and_hand_ins):
    course, hand_ins = course_and_hand_ins
    line = _one_error_line(_grade(course, hand_ins, "99-nothing"))
    assert line == f"error: unknown assignment '99-nothing': the gradebook knows {MODULE} (build it with crosstrain build 99-nothing)"


def test_a_course_folder_without_config(tmp_path, course_and_hand_ins):
    _, hand_ins = course_and_hand_ins
    line = _one_error_line(_grade(tmp_path / "nowhere", hand_ins))
    assert "is not a course folder (no nbgrader_config.py)" in line


def test_a_missing_hand_in_folder(course_and_hand_ins, tmp_path):
    course, _ = course_and_hand_ins
    line = _one_error_line(_grade(course, tmp_path / "no-such-folder"))
    assert "does not exist: give --from the folder" in line


def test_a_locked_gradebook_stops_before_anything_is_written(course_and_hand_ins):
    course, hand_ins = course_and_hand_ins
    before = _digest(course / "gradebook.db")
    holder = sqlite3.connect(course / "gradebook.db")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        line = _one_error_line(_grade(course, hand_ins))
    finally:
        holder.rollback()
        holder.close()
    assert "is locked by another program" in line
    assert _digest(course / "gradebook.db") == before
    assert not (course / "submitted").exists()


def test_a_corrupt_gradebook_is_left_as_it_was(course_and_hand_ins):
    course, hand_ins = course_and_hand_ins
    db = course / "gradebook.db"
    db.write_bytes(b"this was a gradebook once" * 100)
    before = _digest(db)
    line = _one_error_line(_grade(course, hand_ins))
    assert "is damaged" in line and "nothing was graded" in line
    assert _digest(db) == before
