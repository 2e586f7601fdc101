"""In-process proof of a module's exercises, shared by every module's tests.

``validate`` proves the graders through nbgrader; these are the quick checks beside it:
run an answer cell's code against a world, spot a message that gives the answer away,
and run the solution notebook top to bottom with its time.
"""

from __future__ import annotations

import copy
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from numbers import Integral, Real
from pathlib import Path
from typing import Any

from crosstrain.notebook.exercise import Exercise


def answer_of(code: str, exercise: Exercise, world, context: dict | None = None) -> Any:
    """The value an answer cell's ``code`` stores in the exercise's variable.

    ``context`` adds names the notebook's earlier cells define (``pd``, a helper table...).
    """
    namespace = {**(context or {}), "world": world}
    exec(compile(code, f"<answer {exercise.module}/{exercise.name}>", "exec"), namespace)
    return namespace[exercise.variable]


def lesson_before_answers(cells, world, context: dict | None = None, skip: Callable[[Any], bool] | None = None) -> dict[str, dict]:
    """What the notebook has defined when each answer cell runs, by exercise name.

    For answers that use what lesson cells computed: one run of the code cells (reference
    answers included) serves every answer tried in their place. ``context`` stands for the
    locked setup cell, which would load the course's world; ``skip``: cells that cannot run here.
    """
    import matplotlib.pyplot as plt

    namespace, before = {**(context or {}), "world": world}, {}
    for cell in cells:
        if cell.cell_type != "code" or cell.kind in ("tests", "locked") or (skip and skip(cell)):
            continue
        if cell.kind == "answer":
            before[cell.name] = isolated(namespace)
        exec(compile(cell.source, f"<{cell.name or 'lesson'}>", "exec"), namespace)
        plt.close("all")
    return before


def isolated(namespace: dict) -> dict:
    """A copy of a namespace that code may change (a table's column...) without changing it for the next.

    pandas objects get shallow copies: with copy-on-write, an edit to one never reaches the other.
    """
    import numpy as np
    import pandas as pd

    def fresh(value):
        if isinstance(value, pd.DataFrame | pd.Series | pd.Index):
            return value.copy(deep=False)
        if isinstance(value, np.ndarray | dict | list | set):
            return copy.deepcopy(value)
        return value

    return {k: v if k.startswith("__") else fresh(v) for k, v in namespace.items()}


def reveals(message: str, value: Any, *, spare: Iterable = (), mapped_labels: bool = False) -> bool:
    """Whether ``message`` gives ``value`` away: a number anywhere in it (dicts, lists...) or a
    label, in any usual spelling.

    The labels a mapping holds (teams, channels...) are not searched unless ``mapped_labels``:
    messages must name them to teach. ``spare`` lists numbers a message may state to teach
    ("an AE who booked nothing attained 0"). Tables cannot be quoted in a sentence: not searched.
    """
    spare = list(spare)
    for leaf in _leaves(value, mapped_labels):
        if isinstance(leaf, Real) and not isinstance(leaf, bool) and leaf in spare:
            continue
        if any(re.search(rf"(?<![\w.]){re.escape(s)}(?![\w])", message) for s in _spellings(leaf)):
            return True
    return False


def _leaves(value: Any, mapped_labels: bool) -> Iterator[Any]:
    if isinstance(value, Mapping):
        for item in value.values():
            if mapped_labels or not isinstance(item, str):
                yield from _leaves(item, mapped_labels)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _leaves(item, mapped_labels)
    else:
        yield value


def _spellings(value: Any) -> set[str]:
    """How a report would write the value: 0.1923 as 0.19, 19.2%, 19%...; 40000 as 40,000."""
    if isinstance(value, str):
        return {value} if value else set()
    if isinstance(value, bool) or not isinstance(value, Real):
        return set()
    if isinstance(value, Integral):
        return {str(value), f"{value:,}"}
    found = {str(value)}
    if math.isfinite(value):
        found |= {f"{value:.2f}", f"{value:,.2f}", f"{value:.3g}", f"{value:.4g}", f"{value:.1%}", f"{value:.0%}", f"{value:g}"}
        if abs(value) >= 10:  # rounded to whole units; a share rounded so says nothing
            found |= {f"{value:,.0f}", f"{value:.0f}"}
    return found


def run_solution(module_id: str, workdir: Path, course_root: Path | None = None, modules_dir: Path | None = None):
    """Compile the module and run its solution notebook in a fresh kernel: (notebook, seconds)."""
    from nbclient import NotebookClient

    from crosstrain.course.sources import source_path
    from crosstrain.course.syllabus import load_syllabus
    from crosstrain.grading.compile import compile_module
    from crosstrain.paths import COURSE_DIR, MODULES_DIR

    module = load_syllabus(course_root or COURSE_DIR).module(module_id)
    notebook = compile_module(module, source_path(modules_dir or MODULES_DIR, module.id))
    started = time.monotonic()
    NotebookClient(notebook, kernel_name="python3", shutdown_kernel="immediate", timeout=60,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return notebook, time.monotonic() - started
