"""Every module's graders kill at least 95% of the mutants of its reference answers.

``crosstrain validate --mutants`` as CI runs it, all modules in one process. Marked
``kernel`` because it executes every module's lesson code (about a CPU-minute), which the
fast lane (``make check``) leaves to ``make test``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from crosstrain.notebook.exercises import MODULES

CLI = [str(Path(sys.executable).parent / "crosstrain")]

pytestmark = pytest.mark.kernel


def test_every_module_kills_at_least_95_percent_of_its_mutants():
    result = subprocess.run(CLI + ["validate", "--mutants", "--quiet"], capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout + result.stderr
    scores = {m: float(s) for m, s in re.findall(r"^(\S+): mutation score ([\d.]+)%", result.stdout, re.M)}
    assert set(scores) == set(MODULES)
    assert all(score >= 95 for score in scores.values()), scores
    graded = [int(n) for n in re.findall(r"\((\d+) of \d+ wrong answers", result.stdout)]
    assert sum(graded) >= 500  # the operators reach every module's answers, not a handful
    assert "FAIL" not in result.stdout
