"""In-process proof of a module's exercises, shared by every module's tests.

``validate`` proves the graders through nbgrader; these are the quick checks beside it:
run an answer cell's code against a world, spot a message that gives the answer away,
and run the solution notebook top to bottom with its time.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from crosstrain.learn.exercise import Exercise


def answer_of(code: str, exercise: Exercise, world, context: dict | None = None) -> Any:
    """The value an answer cell's ``code`` stores in the exercise's variable.

    ``context`` adds names the notebook's earlier cells define (``pd``, a helper table...).
    """
    namespace = {**(context or {}), "world": world}
    exec(compile(code, f"<answer {exercise.module}/{exercise.name}>", "exec"), namespace)
    return namespace[exercise.variable]


def reveals(message: str, value: Any) -> bool:
    """Whether ``message`` gives ``value`` away, in any usual spelling of a number or label.

    Mappings are not searched: their values are labels (team names...) messages may name.
    """
    if isinstance(value, dict):
        return False
    spellings = {str(value)}
    if isinstance(value, float):
        spellings |= {f"{value:.2f}", f"{value:,.2f}", f"{value:.4g}", f"{value:.1%}", f"{value:.0%}", f"{value:g}"}
    if isinstance(value, int):
        spellings |= {f"{value:,}"}
    return any(re.search(rf"(?<![\w.]){re.escape(s)}(?![\w])", message) for s in spellings)


def run_solution(module_id: str, workdir: Path, course_root: Path | None = None, modules_dir: Path | None = None):
    """Compile the module and run its solution notebook in a fresh kernel: (notebook, seconds)."""
    from nbclient import NotebookClient

    from crosstrain.grading.compile import compile_module
    from crosstrain.grading.sources import source_path
    from crosstrain.grading.syllabus import load_syllabus
    from crosstrain.paths import COURSE_DIR, MODULES_DIR

    module = load_syllabus(course_root or COURSE_DIR).module(module_id)
    notebook = compile_module(module, source_path(modules_dir or MODULES_DIR, module.id))
    started = time.monotonic()
    NotebookClient(notebook, kernel_name="python3", shutdown_kernel="immediate", timeout=60,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return notebook, time.monotonic() - started
