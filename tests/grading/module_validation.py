"""Every module's graders are proven in CI, not only the pilot's: `crosstrain validate` per module.

Modules 01-08 are validated in two halves (test_validate_modules_first.py and _second.py, so
that each test worker takes one; 00 is tests/grading/test_validate.py's), each half one
``crosstrain validate`` run as a trainer would run it: one process, one set of warm kernels;
each module's test then reads its own report.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from once import once

from crosstrain.paths import COURSE_DIR

CLI = [str(Path(sys.executable).parent / "crosstrain")]

MODULES = [m["id"] for m in yaml.safe_load((COURSE_DIR / "syllabus.yml").read_text())["modules"] if m["id"] != "00-orientation"]


def _validate(modules: list[str], folder: Path) -> None:
    course = folder / "course"
    course.mkdir()
    for name in ("nbgrader_config.py", "syllabus.yml"):
        shutil.copy(COURSE_DIR / name, course / name)
    result = subprocess.run(CLI + ["validate", *modules, "--course", str(course), "--quiet"],
                            capture_output=True, text=True, timeout=1800)
    (folder / "result.json").write_text(json.dumps({"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}))


def validated(name: str, modules: list[str]) -> dict:
    """The report of one ``crosstrain validate`` of ``modules``, made once per test run."""
    return json.loads((once(name, lambda folder: _validate(modules, folder)) / "result.json").read_text())


def check_module(module_id: str, validated: dict) -> None:
    """Its report block says every grader is proven, and the solution earns full marks, the blank zero."""
    reports = {block.splitlines()[0]: block for block in validated["stdout"].split("\n\n") if block.strip()}
    assert module_id in reports, validated["stdout"][-3000:] + validated["stderr"][-3000:]
    report = reports[module_id]
    failed = [line for line in validated["stderr"].splitlines() if line.startswith("validation failed for")]
    assert not any(module_id in line for line in failed) and "FAIL" not in report, report
    assert "ok: every grader proven" in report
    solution_rows = [line.split() for line in report.splitlines() if re.match(r"q\d+\s", line)]  # autograded rows
    assert solution_rows and all(row[2] == row[1] and row[3] == "0" for row in solution_rows), report
