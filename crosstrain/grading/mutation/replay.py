"""Run a module's lesson once in this process and grade answer cells the way nbgrader does.

Running one notebook per mutant through nbgrader costs seconds; here the lesson's code
cells run once, in order, and the namespace just before each answer cell is kept. A
mutated answer cell then runs in a copy of that namespace and is graded by executing the
exercise's own test cell (``ex.qN.check`` then the hidden ``ex.qN.grade``), as nbgrader
does: an error earns 0, a number as the last value is partial credit, anything else full
marks. Only the expected value and the mistakes' values are computed once per exercise
(``_memoized``): the code that scores is the kernel's.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import signal
import threading
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import matplotlib

from crosstrain.course.sources import read_source, source_path
from crosstrain.grading.compile import BEGIN_SOLUTION, END_SOLUTION
from crosstrain.notebook.exercise import Exercise
from crosstrain.notebook.exercises import exercises_of
from crosstrain.notebook.session import ExerciseSet
from crosstrain.paths import MODULES_DIR

#: A mutant that runs longer than this (say, a loop bound pushed out) counts as crashed.
CELL_SECONDS = 20


class CellFailed(Exception):
    """A cell raised or ran too long: the mutant gives no answer at all."""


@dataclass
class Stage:
    """The lesson just before one exercise's answer cell, and what the reference gives there."""

    exercise: Exercise  # its expected value and mistakes computed once (``_memoized``)
    answer: str  # the reference answer cell, solution markers removed
    tests: str  # the exercise's test cell, as the learner's notebook runs it
    namespace: dict
    reference: Any  # the value the reference answer stores in the exercise's variable


def replay(module_id: str, modules_dir: Path = MODULES_DIR) -> list[Stage]:
    """Run the lesson's code cells once; one ``Stage`` per autograded exercise, in order."""
    # lesson cells draw; no window. Not through MPLBACKEND: kernels started later by this
    # process (a test worker's) would inherit it and draw no inline figures.
    matplotlib.use("Agg")
    exercises = exercises_of(module_id)
    cells = read_source(source_path(modules_dir, module_id))
    tests = {c.name: c.source for c in cells if c.kind == "tests"}
    namespace: dict = {"__name__": "__main__"}
    stages = []
    for cell in cells:
        if cell.cell_type != "code" or cell.kind == "tests":
            continue
        if cell.kind == "answer" and cell.name in exercises:
            answer = "\n".join(line for line in cell.source.splitlines() if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))
            before = freeze(namespace)
            run_cell(answer, namespace)
            exercise = _memoized(exercises[cell.name])
            stages.append(Stage(exercise, answer, tests[cell.name], before, namespace[exercise.variable]))
        else:
            with contextlib.suppress(CellFailed):  # a chart that fails here (no kernel) sets nothing
                run_cell(cell.source, namespace)
    _close_figures()
    return stages


def points(stage: Stage, source: str) -> tuple[Any, float]:
    """Run ``source`` as the answer cell in a copy of the stage's namespace, then the test
    cell: the answer it stores and the points nbgrader would give. Raises ``CellFailed``
    when the answer cell itself fails."""
    namespace = freeze(stage.namespace)
    run_cell(source, namespace)
    answer = namespace.get(stage.exercise.variable)
    namespace["ex"] = _exercise_set(stage, namespace)
    try:
        value = run_cell(stage.tests, namespace)
    except CellFailed:
        return answer, 0.0
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return answer, float(value)
    return answer, float(stage.exercise.points)


def run_cell(source: str, namespace: dict) -> Any:
    """Execute a cell like a kernel (output swallowed); its last expression's value."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    sink = io.StringIO()
    timed = threading.current_thread() is threading.main_thread()  # signals only work there
    previous = signal.signal(signal.SIGALRM, _too_long) if timed else None
    signal.alarm(CELL_SECONDS if timed else 0)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            warnings.simplefilter("ignore")
            exec(compile(tree, "<cell>", "exec"), namespace)  # noqa: S102 - the course's own lesson code
            if last is not None:
                return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)  # noqa: S307
            return None
    except Exception as exc:  # noqa: BLE001 - any failure of the cell is the cell's outcome
        raise CellFailed(f"{type(exc).__name__}: {exc}") from exc
    finally:
        if timed:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


def freeze(namespace: dict) -> dict:
    """A copy a cell can change freely: pandas objects as copy-on-write views, containers
    copied one level down, everything else shared (modules, functions, the world)."""
    import pandas as pd

    copied = {}
    for name, value in namespace.items():
        if isinstance(value, (pd.DataFrame, pd.Series)):
            value = value.copy(deep=False)
        elif isinstance(value, (dict, list, set)):
            value = copy.copy(value)
        copied[name] = value
    return copied


def _exercise_set(stage: Stage, namespace: dict) -> ExerciseSet:
    """The notebook's ``ex`` holding the stage's memoized exercise (the same scoring code)."""
    return ExerciseSet(stage.exercise.module, {stage.exercise.name: stage.exercise}, namespace["world"])


def _memoized(exercise: Exercise) -> Exercise:
    """The exercise with its expected value and its mistakes' values computed once."""
    return replace(exercise, compute=_Once(exercise.compute),
                   mistakes=tuple(replace(m, compute=_Once(m.compute)) for m in exercise.mistakes))


class _Once:
    """A world function's first result (or error), kept: the world does not change."""

    def __init__(self, compute):
        self.compute, self.done, self.value, self.error = compute, False, None, None

    def __call__(self, world):
        if not self.done:
            try:
                self.value = self.compute(world)
            except Exception as exc:  # noqa: BLE001 - replayed on every call, as the original would raise
                self.error = exc
            self.done = True
        if self.error is not None:
            raise self.error
        return self.value


def _too_long(signum, frame):
    raise TimeoutError(f"the cell ran longer than {CELL_SECONDS} s")


def _close_figures() -> None:
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
