"""The mutation score of a module's graders: how many wrong answers lose their points.

Every mutant of every reference answer cell runs (a fixed-seed sample when an exercise has
more than ``per_exercise``). A mutant whose answer the exercise's own answer kind accepts
against the reference's is equivalent and not counted; one whose cell fails gives no
answer and is not counted either. Every other mutant is a wrong answer: it is killed when
it keeps at most half of the exercise's points, else it survives. Goal: ``GOAL`` killed.
"""

from __future__ import annotations

import math
import random
import time
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from crosstrain.grading.mutation.accepted import Acceptance, accepted, flat
from crosstrain.grading.mutation.operators import Mutant, mutate
from crosstrain.grading.mutation.replay import CellFailed, Stage, points, replay
from crosstrain.notebook.capture import UnsafeAnswer, as_plain
from crosstrain.notebook.exercises import MODULES
from crosstrain.paths import GRADERS_DIR, MODULES_DIR

GOAL = 0.95
SEED = 13
PER_EXERCISE = 60
TOLERANCE = 1e-6
KILLED, SURVIVED, EQUIVALENT, CRASHED, ACCEPTED = "killed", "survived", "equivalent", "crashed", "accepted"


@dataclass(frozen=True)
class Outcome:
    exercise: str
    mutant: Mutant
    status: str
    kept: float  # points the mutant keeps
    points: float
    why: str = ""  # for an accepted survivor: the reason in graders/NN-slug/mutants.yml


@dataclass
class MutationReport:
    module: str
    outcomes: list[Outcome] = field(default_factory=list)
    generated: int = 0  # mutants before sampling
    seed: int = SEED
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # a reference answer that is not proven right

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def score(self) -> float:
        """Killed share of the mutants whose answer is wrong (1 when there are none)."""
        wrong = self.count(KILLED) + self.count(SURVIVED)
        return self.count(KILLED) / wrong if wrong else 1.0

    @property
    def ok(self) -> bool:
        return self.score >= GOAL and not self.problems

    @property
    def survivors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == SURVIVED]


def run_mutants(module_ids=(), modules_dir: Path = MODULES_DIR, per_exercise: int = PER_EXERCISE,
                seed: int = SEED, progress: bool = True, graders_dir: Path = GRADERS_DIR) -> list[MutationReport]:
    """Mutation-test the named modules' graders (all if none), one module at a time."""
    return [mutation_report(m, modules_dir, per_exercise, seed, progress, graders_dir) for m in (module_ids or list(MODULES))]


def mutation_report(module_id: str, modules_dir: Path = MODULES_DIR, per_exercise: int = PER_EXERCISE,
                    seed: int = SEED, progress: bool = True, graders_dir: Path = GRADERS_DIR) -> MutationReport:
    started = time.monotonic()
    acceptances = accepted(module_id, graders_dir)
    stages = replay(module_id, modules_dir)
    report = MutationReport(module_id, seed=seed)
    chosen = []
    for stage in stages:
        kept = _reference_points(stage)
        if kept != stage.exercise.points:
            report.problems.append(f"{stage.exercise.name}: the reference answer, replayed here, earns {kept:g} of "
                                   f"{stage.exercise.points:g}; run `crosstrain validate {module_id}`")
            continue
        mutants = mutate(stage.answer)
        report.generated += len(mutants)
        chosen += [(stage, mutant) for mutant in _sample(mutants, per_exercise, f"{seed}-{module_id}-{stage.exercise.name}",
                                                         [a for a in acceptances if a.exercise == stage.exercise.name])]
    for stage, mutant in tqdm(chosen, desc=f"mutants {module_id}", unit="mutant", disable=not progress):
        report.outcomes.append(_accepting(grade_mutant(stage, mutant), acceptances))
    report.problems += _stale(acceptances, report.outcomes)
    report.seconds = time.monotonic() - started
    return report


def _sample(mutants: list[Mutant], size: int, seed: str, acceptances: list[Acceptance]) -> list[Mutant]:
    """At most ``size`` mutants, a fixed-seed sample, plus every one the module accepts."""
    if len(mutants) <= size:
        return mutants
    picked = set(random.Random(seed).sample(range(len(mutants)), size))
    picked |= {i for i, m in enumerate(mutants) if any(a.matches(a.exercise, m.change, m.statement) for a in acceptances)}
    return [mutants[i] for i in sorted(picked)]


def _accepting(outcome: Outcome, acceptances: list[Acceptance]) -> Outcome:
    """A survivor that the module's mutants.yml accepts becomes ``ACCEPTED``, with the reason."""
    if outcome.status != SURVIVED:
        return outcome
    why = next((a.why for a in acceptances if a.matches(outcome.exercise, outcome.mutant.change, outcome.mutant.statement)), None)
    return outcome if why is None else replace(outcome, status=ACCEPTED, why=why)


def _stale(acceptances: list[Acceptance], outcomes: list[Outcome]) -> list[str]:
    """Accepted mutants that were not generated or no longer survive."""
    used = {(o.exercise, o.mutant.change, flat(o.mutant.statement)) for o in outcomes if o.status == ACCEPTED}
    return [f"{a.exercise}: the accepted mutant [{a.change}] {flat(a.statement)} no longer survives (or is no longer "
            f"generated): remove it from mutants.yml" for a in acceptances if (a.exercise, a.change, flat(a.statement)) not in used]


def _reference_points(stage: Stage) -> float:
    try:
        return points(stage, stage.answer)[1]
    except CellFailed:
        return 0.0


def grade_mutant(stage: Stage, mutant: Mutant) -> Outcome:
    """Run one mutant and sort it: crashed, equivalent, killed or survived."""
    exercise = stage.exercise
    total = float(exercise.points)
    try:
        answer, kept = points(stage, mutant.source)
    except CellFailed:
        return Outcome(exercise.name, mutant, CRASHED, 0.0, total)
    if _same(stage, answer):
        return Outcome(exercise.name, mutant, EQUIVALENT, kept, total)
    status = KILLED if kept <= total / 2 + TOLERANCE else SURVIVED
    return Outcome(exercise.name, mutant, status, kept, total)


def _same(stage: Stage, answer) -> bool:
    """Whether ``answer`` is the reference's answer within the exercise's tolerance."""
    rel = getattr(stage.exercise.kind, "rel_tolerance", TOLERANCE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return same_answer(as_plain(answer), as_plain(stage.reference), rel)
        except UnsafeAnswer:
            return False


def same_answer(a: Any, b: Any, rel: float = TOLERANCE) -> bool:
    """Two plain answers are the same: equal labels and structure, numbers within ``rel``."""
    a, b = _unboxed(a), _unboxed(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_answer(a[k], b[k], rel) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_answer(x, y, rel) for x, y in zip(a, b))
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)
    try:
        return type(a) is type(b) and bool(a == b)
    except (TypeError, ValueError):
        return False


def _unboxed(value: Any) -> Any:
    """pandas and numpy values as Python ones: a Series a dict, a frame a dict of columns."""
    if isinstance(value, pd.DataFrame):
        return {k: _unboxed(v) for k, v in value.items()}
    if isinstance(value, pd.Series):
        return {k: _unboxed(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return [_unboxed(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def format_mutation_report(report: MutationReport) -> str:
    """The score line, the counts, then one line per surviving mutant."""
    wrong = report.count(KILLED) + report.count(SURVIVED)
    lines = [f"{report.module}: mutation score {report.score:.1%} ({report.count(KILLED)} of {wrong} wrong answers "
             f"lose at least half their points; goal {GOAL:.0%})",
             f"  {len(report.outcomes)} mutants run of {report.generated} generated (seed {report.seed}); "
             f"{report.count(EQUIVALENT)} equivalent, {report.count(ACCEPTED)} accepted and {report.count(CRASHED)} failing not counted; "
             f"{report.seconds:.1f} s",
             f"  {sum(o.status == KILLED and o.kept > 0 for o in report.outcomes)} killed mutants keep partial credit "
             f"(at most half); a survivor is a changed answer the grader gives more than half"]
    for o in report.survivors:
        lines.append(f"  survivor {o.exercise} [{o.mutant.operator}: {o.mutant.change}] line {o.mutant.line}: "
                     f"{flat(o.mutant.statement)}  keeps {o.kept:g} of {o.points:g}")
    for o in report.outcomes:
        if o.status == ACCEPTED:
            lines.append(f"  accepted {o.exercise} [{o.mutant.operator}: {o.mutant.change}] {_short(o.mutant.statement)}: {o.why}")
    lines += [f"  FAIL {p}" for p in report.problems]
    lines.append("  ok" if report.ok else f"  FAIL below {GOAL:.0%}" if report.score < GOAL else "  FAIL")
    return "\n".join(lines)


def _short(statement: str, width: int = 110) -> str:
    one_line = flat(statement)
    return one_line if len(one_line) <= width else one_line[: width - 3] + "..."
