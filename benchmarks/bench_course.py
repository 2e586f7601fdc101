"""How long each module's solution notebook takes, top to bottom, in a fresh kernel.

Goals (issues 4 and 5): each solution notebook in at most 10 s, the whole course's
solutions in at most 90 s together, on this 2-core machine. Run it on a quiet machine:
    .venv/bin/python benchmarks/bench_course.py
It compiles every module of course/syllabus.yml from its source (the reference solution),
executes it with nbclient as nbgrader would, and prints a table; the last line is
``total: <seconds>``. Exit status 1 when a goal is missed or a notebook fails.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from crosstrain.course.syllabus import load_syllabus
from crosstrain.grading.proof import run_solution
from crosstrain.paths import COURSE_DIR

PER_MODULE_GOAL, TOTAL_GOAL = 10.0, 90.0


def main() -> int:
    modules = list(load_syllabus(COURSE_DIR).modules)
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores; figures are noisy above 2)")
    total, missed = 0.0, False
    with tempfile.TemporaryDirectory() as workdir:
        for module_id in modules:
            notebook, seconds = run_solution(module_id, Path(workdir))
            errors = sum(o.get("output_type") == "error" for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
            total += seconds
            ok = seconds <= PER_MODULE_GOAL and not errors
            missed |= not ok
            print(f"  {module_id:<20} {seconds:6.1f} s  {'ok' if ok else 'MISSED'}{f'  ({errors} errors)' if errors else ''}")
    missed |= total > TOTAL_GOAL
    print(f"goal: each <= {PER_MODULE_GOAL:g} s, all <= {TOTAL_GOAL:g} s: {'met' if not missed else 'NOT met'}")
    print(f"total: {total:.1f}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
