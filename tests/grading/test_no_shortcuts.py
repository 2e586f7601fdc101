"""No shortcut earns a point: what the notebook hands the learner before an exercise, and a
table's obvious one-liners, earn nothing on any autograded exercise of any module (nothing
more than a blank answer of the right shape, whose zeros are right where the data has none).

A helper that returns a graded answer belongs with the exercise table, not in a module a
lesson imports (issue 13, "No shortcuts"). Scored with each exercise's own ``score`` on the
default world, its expected value computed once.
"""

from __future__ import annotations

import dataclasses
import sys
import types
from numbers import Number

import matplotlib
import pytest
from shortcuts import Scan, helper_results, imports_before_answers, one_liners, public_constants

import crosstrain.notebook.exercise as exercise_module
from crosstrain.course.sources import read_source, source_path
from crosstrain.grading.learner_lib import LESSONS, ROOTS, WORLD, import_closure
from crosstrain.notebook.capture import UnsafeAnswer, as_plain
from crosstrain.notebook.exercises import MODULES, exercises_of
from crosstrain.paths import MODULES_DIR

matplotlib.use("Agg")  # helpers draw; no window to draw in


#: Exercises whose answer *is* a table one-liner: the lesson teaches that line (why, each).
ONE_LINE_ANSWERS = {
    ("00-orientation", "q1"): "how many leads: counting a table's rows is the first thing module 00 teaches",
    # value_counts(normalize=True) drops the discovery notes' missing category, so pandas'
    # default one-liner is a right way, not a shortcut: the exercise teaches the denominator
    # (objections, not every note), and the one who divides by every note (``all_notes``,
    # the core mistake) earns nothing.
    ("05-objections", "q1"): "each category's share of the objections: value_counts(normalize=True) is the lesson's own line",
}


def _blank(exercise, world) -> float:
    """What an answer of the right shape that knows nothing earns (every label, each 0):
    a shortcut is what earns more. A label whose right value is 0 is right in a blank."""
    expected = as_plain(exercise.expected(world))
    if not isinstance(expected, dict) or not all(isinstance(v, Number) and not isinstance(v, bool) for v in expected.values()):
        return 0.0
    return exercise.score(dict.fromkeys(expected, 0), world)


def _frozen(exercise, world):
    """The exercise with its expected value computed once: the same ``score``, faster."""
    expected = exercise.compute(world)
    return dataclasses.replace(exercise, compute=lambda _w: expected)


#: Every module a learner's install holds (``learner_lib``): importable from any notebook.
#: Its lesson modules' functions are tried on every module's exercises, not only their own.
LEARNER_MODULES = sorted(import_closure([*ROOTS, *WORLD]))


@pytest.fixture(scope="module")
def table_lines(default_world) -> list:
    return [line for name, table in default_world.tables.items() for line in one_liners(f"world.{name}", table)]


@pytest.fixture(scope="module")
def table_plains(table_lines) -> dict:
    """The table one-liners as ``score`` reduces them, once for every module's exercises."""
    return {id(value): (value, _reduced(value)) for _, value in table_lines}


def _reduced(value):
    try:
        return as_plain(value)
    except UnsafeAnswer as exc:
        return exc


@pytest.fixture
def plain_once(table_plains, monkeypatch) -> None:
    """``score`` reduces each answer to plain data (a Parquet round trip for a Series) before
    it compares: the scan scores each candidate on every exercise of a module, so reduce
    each candidate once. The cache holds every value it saw, so no id is reused meanwhile."""
    seen = dict(table_plains)

    def remembered(value):
        if id(value) not in seen:
            seen[id(value)] = (value, _reduced(value))
        plain = seen[id(value)][1]
        if isinstance(plain, UnsafeAnswer):
            raise plain
        return plain

    monkeypatch.setattr(exercise_module, "as_plain", remembered)


def _shortcuts(module: str, world, table_lines: list, names=None) -> list[tuple[str, str, float]]:
    """(exercise, candidate, score) for each candidate earning more than a blank answer on ``world``."""
    imports = imports_before_answers(read_source(source_path(MODULES_DIR, module)))
    exercises = exercises_of(module)
    assert set(imports) == set(exercises), "every autograded exercise has an answer cell"
    scan = Scan(world)  # each exercise: the helpers imported before its answer cell, each run once
    derived: dict[str, list] = {}  # a frame the helpers returned -> its one-liners
    # before each answer: the helpers the notebook imported so far, and every lesson module the
    # learner's install ships (importable at any time), each run once for the whole module
    lesson_frames = dict(world.tables)
    shipped = list(helper_results(list(LESSONS), world, lesson_frames))
    constants = [c for m in sorted({*LEARNER_MODULES, *(m for found in imports.values() for m in found)}) for c in public_constants(m)]
    earned = []
    for name in imports:  # notebook order: each answer cell sees the imports of the one before, and more
        helpers = [*scan.upto(imports[name]), *shipped]
        if names is not None and name not in names:
            continue
        for label, frame in [*scan.frames.items(), *lesson_frames.items()]:
            if label not in world.tables and label not in derived:
                derived[label] = list(one_liners(label, frame))
        frozen = _frozen(exercises[name], world)
        blank = _blank(frozen, world)
        lines = [] if (module, name) in ONE_LINE_ANSWERS else [*table_lines, *(line for found in derived.values() for line in found)]
        for label, value in [*helpers, *constants, *lines]:
            score = frozen.score(value, world)
            if score > blank:
                earned.append((name, label, score))
    return earned


@pytest.fixture(scope="module")
def second_world():
    """Another seed, built in memory: a shortcut is a way to the answer, so it earns on both."""
    from crosstrain.world.generate import build_world

    return build_world("default", seed=2)


@pytest.mark.parametrize("module", list(MODULES))
def test_no_shortcut_earns_a_point(module, default_world, table_lines, plain_once, second_world):
    """A candidate that earns on the default world earns on another seed too, or it only
    matched by chance (04 q7's count of late deals without an economic buyer once equalled
    New Zealand's UTC offset and the number of AEs): only those that earn on both count."""
    found = _shortcuts(module, default_world, table_lines)
    if found:
        other_lines = [line for name, table in second_world.tables.items() for line in one_liners(f"world.{name}", table)]
        again = {(name, label) for name, label, _ in _shortcuts(module, second_world, other_lines, {n for n, _, _ in found})}
        found = [hit for hit in found if hit[:2] in again]
    earned = [f"{name}: {label} earns {score:.0%}" for name, label, score in found]
    assert not earned, f"{module}: shortcuts earn points:\n" + "\n".join(earned)


def test_the_scan_finds_a_helper_that_hands_out_answers(default_world, monkeypatch):
    """A module offering what module 07's notebook imported before issue 13 (its widget's
    revenue table, the formulas' revenue by channel and model names): the scan finds
    full-mark answers to q1 and q5 in it."""
    from crosstrain.notebook.exercises.attribution import formulas

    probe = types.ModuleType("shortcut_probe")
    probe.MODELS, probe.revenue_table, probe.revenue_by_channel = formulas.MODELS, formulas.revenue_table, formulas.revenue_by_channel
    monkeypatch.setitem(sys.modules, "shortcut_probe", probe)
    found = list(helper_results(["shortcut_probe"], default_world, dict(default_world.tables)))
    exercises = exercises_of("07-attribution")
    for name in ("q1", "q5"):
        frozen = _frozen(exercises[name], default_world)
        assert any(frozen.score(value, default_world) == 1.0 for _, value in found), name


def test_the_scan_finds_an_answer_written_out_as_a_constant(default_world, monkeypatch):
    """Module 00 q5's answer was ``crosstrain.world.schema.STAGE_OWNER`` before issue 13's
    review: a module holding it as a constant hands the answer out, and the scan finds it."""
    from crosstrain.notebook.exercises.orientation.formulas import STAGE_OWNER

    probe = types.ModuleType("constant_probe")
    probe.STAGE_OWNER, probe._hidden = dict(STAGE_OWNER), dict(STAGE_OWNER)
    monkeypatch.setitem(sys.modules, "constant_probe", probe)
    found = dict(public_constants("constant_probe"))
    assert list(found) == ["constant_probe.STAGE_OWNER", *(f"constant_probe.STAGE_OWNER[{k!r}]" for k in STAGE_OWNER)]
    assert _frozen(exercises_of("00-orientation")["q5"], default_world).score(found["constant_probe.STAGE_OWNER"], default_world) == 1.0
    assert "crosstrain.world.schema" in LEARNER_MODULES and "constant_probe" not in LEARNER_MODULES


def test_the_retention_definition_is_not_in_the_learners_install():
    """Module 09 grades NRR and GRR by segment: the function that computes them (one table with
    both answers) lives in the course model, and nothing a learner's install holds imports it
    (the install ships the whole world package, so it may not live there)."""
    from crosstrain.course import retention

    assert "crosstrain.course.retention" not in LEARNER_MODULES
    assert all(not hasattr(sys.modules.get(m) or __import__(m, fromlist=["_"]), "cohort_arr") for m in LEARNER_MODULES)
    assert callable(retention.cohort_arr)
