"""Every module's graders are proven in CI, not only the pilot's: `crosstrain validate` per module."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from crosstrain.paths import COURSE_DIR

CLI = [str(Path(sys.executable).parent / "crosstrain")]

pytestmark = pytest.mark.kernel
MODULES = [m["id"] for m in yaml.safe_load((COURSE_DIR / "syllabus.yml").read_text())["modules"] if m["id"] != "00-orientation"]


@pytest.mark.parametrize("module_id", MODULES)
def test_module_validates_through_nbgrader(module_id, tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    for name in ("nbgrader_config.py", "syllabus.yml"):
        shutil.copy(COURSE_DIR / name, course / name)
    result = subprocess.run(CLI + ["validate", module_id, "--course", str(course), "--quiet"],
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "ok: every grader proven" in result.stdout
    table = result.stdout.splitlines()
    solution_rows = [line.split() for line in table if re.match(r"q\d+\s", line)]  # autograded rows
    assert solution_rows and all(row[2] == row[1] and row[3] == "0" for row in solution_rows), result.stdout
