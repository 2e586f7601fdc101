"""Every module's graders are proven in CI, not only the pilot's: `crosstrain validate` per module.

One ``crosstrain validate`` of every module but 00 (tests/grading/test_validate.py runs that
one) per test run, as a trainer would run it: one process, one set of warm kernels; each
module's test then reads its own report.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from once import once

from crosstrain.paths import COURSE_DIR

CLI = [str(Path(sys.executable).parent / "crosstrain")]

pytestmark = [pytest.mark.kernel]
MODULES = [m["id"] for m in yaml.safe_load((COURSE_DIR / "syllabus.yml").read_text())["modules"] if m["id"] != "00-orientation"]


def _validate_all(folder: Path) -> None:
    course = folder / "course"
    course.mkdir()
    for name in ("nbgrader_config.py", "syllabus.yml"):
        shutil.copy(COURSE_DIR / name, course / name)
    result = subprocess.run(CLI + ["validate", *MODULES, "--course", str(course), "--quiet"],
                            capture_output=True, text=True, timeout=1800)
    (folder / "result.json").write_text(json.dumps({"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}))


@pytest.fixture(scope="session")
def validated() -> dict:
    return json.loads((once("validate-modules", _validate_all) / "result.json").read_text())


@pytest.mark.parametrize("module_id", MODULES)
def test_module_validates_through_nbgrader(module_id, validated):
    reports = {block.splitlines()[0]: block for block in validated["stdout"].split("\n\n") if block.strip()}
    assert module_id in reports, validated["stdout"][-3000:] + validated["stderr"][-3000:]
    report = reports[module_id]
    failed = [line for line in validated["stderr"].splitlines() if line.startswith("validation failed for")]
    assert not any(module_id in line for line in failed) and "FAIL" not in report, report
    assert "ok: every grader proven" in report
    solution_rows = [line.split() for line in report.splitlines() if re.match(r"q\d+\s", line)]  # autograded rows
    assert solution_rows and all(row[2] == row[1] and row[3] == "0" for row in solution_rows), report
