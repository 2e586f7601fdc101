"""``crosstrain validate``: every grader proven through nbgrader's real autograde."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crosstrain.grading.validate import format_report, validate
from crosstrain.paths import COURSE_DIR, MODULES_DIR

MODULE = "00-orientation"
CLI = [str(Path(sys.executable).parent / "crosstrain")]

pytestmark = pytest.mark.kernel


def _scratch_course(root: Path) -> Path:
    course = root / "course"
    course.mkdir()
    for name in ("nbgrader_config.py", "syllabus.yml"):
        shutil.copy(COURSE_DIR / name, course / name)
    return course


def test_module_00_validates_through_nbgrader(tmp_path):
    course = _scratch_course(tmp_path)
    result = subprocess.run(CLI + ["validate", MODULE, "--course", str(course), "--quiet"],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["exercise", "points", "solution", "blank", "wrong", "answers"]
    rows = {line.split()[0]: line.split() for line in lines[2:8]}
    assert rows["q1"][:4] == ["q1", "1", "1", "0"] and "accounts* 0" in " ".join(rows["q1"])
    assert rows["q5"][:4] == ["q5", "2", "2", "0"]
    assert rows["reflection"][:4] == ["reflection", "2", "manual", "0"]
    assert "marketing_until_sql* 0" in " ".join(rows["q5"])  # the core mistake, marked, earns nothing
    assert "ok: every grader proven" in result.stdout


def test_a_wrong_answer_that_earns_full_marks_fails_validation(tmp_path):
    course = _scratch_course(tmp_path)
    graders = tmp_path / "graders"
    sneaky = graders / MODULE / "wrong" / "q1" / "sneaky.py"
    sneaky.parent.mkdir(parents=True)
    sneaky.write_text("# mistake: not a mistake at all\nn_leads = len(world.leads)\n")
    # marked as q5's core mistake, but the code makes another, smaller one: 5 of 6 stages right
    core = graders / MODULE / "wrong" / "q5" / "marketing_until_sql.py"
    core.parent.mkdir(parents=True)
    core.write_text("# mistake: marketing keeps the lead until the SQL\n# core: yes\n"
                    "owners = {'lead': 'marketing', 'mql': 'marketing', 'sal': 'sdr', 'sql': 'sdr', "
                    "'opportunity': 'ae', 'customer': 'ae'}\n")
    [report] = validate([MODULE], course, MODULES_DIR, graders, progress=False)
    assert not report.ok
    problems = "\n".join(report.problems)
    assert "q1: the known-wrong answer 'sneaky' earns 1 of 1 (it must lose at least half its points)" in problems
    assert "q2 has 0 known-wrong answers" in problems
    assert "q5: the core mistake 'marketing_until_sql' earns 0.833333 of 2 (the mistake the exercise exists to teach must earn 0)" in problems
    assert "q1: graders/00-orientation/wrong/q1/accounts.py must exist and say '# core: yes'" in problems
    assert "written answer reflection has no rubric" in problems
    assert "FAIL q1: the known-wrong answer 'sneaky'" in format_report(report)
    assert not any("out-of-kernel" in p for p in report.problems)
