"""Sorting mutants (killed, survived, equivalent, failing) and the report a trainer reads."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from click.testing import CliRunner

from crosstrain.cli import course as course_cli
from crosstrain.errors import CrosstrainError
from crosstrain.grading.mutation import score as mutation_score
from crosstrain.grading.mutation.accepted import FILE, accepted
from crosstrain.grading.mutation.operators import Mutant, mutate
from crosstrain.grading.mutation.replay import Stage
from crosstrain.grading.mutation.score import (
    ACCEPTED,
    CRASHED,
    EQUIVALENT,
    KILLED,
    SURVIVED,
    MutationReport,
    Outcome,
    _accepting,
    _stale,
    format_mutation_report,
    grade_mutant,
    same_answer,
)
from crosstrain.notebook.answers.by_label import Days
from crosstrain.notebook.exercise import Exercise

WORLD = SimpleNamespace(name="test", seed=1, variant=None)


def _stage(answer: str = "x = 10", points: float = 2) -> Stage:
    """An exercise whose kind, like the lessons' day counts, also accepts whole days either side."""
    exercise = Exercise("00-orientation", "q1", "x", "how many days?", Days(), lambda world: (10.4, 10), "hint", points=points)
    return Stage(exercise, answer, "ex.q1.check(x)\n# hidden\nex.q1.grade(x)", {"world": WORLD}, 10)


def _mutant(source: str) -> Mutant:
    return Mutant("off_by_one", "test", 1, source, source)


def test_a_mutant_is_killed_survives_is_equivalent_or_fails():
    stage = _stage()
    by_source = {m.source: grade_mutant(stage, m) for m in mutate(stage.answer)}
    assert by_source["x = 9"].status == KILLED and by_source["x = 9"].kept == 0
    # 11 is the whole day above 10.4, which the kind accepts: a wrong answer keeping its points
    assert by_source["x = 11"].status == SURVIVED and by_source["x = 11"].kept == 2
    assert grade_mutant(stage, _mutant("x = 10.0")).status == EQUIVALENT
    assert grade_mutant(stage, _mutant("x = 1 / 0")).status == CRASHED


def test_same_answer_compares_labels_structure_and_numbers_within_tolerance():
    assert same_answer(pd.Series({"a": 0.25, "b": 0.5}), {"a": 0.25 * (1 + 1e-9), "b": 0.5})
    assert not same_answer(pd.Series({"a": 0.25}), {"a": 0.26})
    assert not same_answer({"a": 1}, {"a": 1, "b": 2})
    assert same_answer(float("nan"), float("nan")) and not same_answer(float("nan"), 0.0)
    assert same_answer(["x", "y"], ("x", "y")) and not same_answer(["x", "y"], ["y", "x"])
    assert not same_answer(True, 1) and same_answer("paid_search", "paid_search")
    assert same_answer(pd.DataFrame({"c": [1.0, 2.0]}), {"c": {0: 1.0, 1: 2.0}})


def _report(statuses: list[str]) -> MutationReport:
    mutant = Mutant("comparison", "<= -> <", 3, "late = d[d.close_date < '2026-09-30']", "")
    return MutationReport("02-measuring", [Outcome("q8", mutant, s, 2.0 if s == SURVIVED else 0.0, 2.0) for s in statuses], 40)


def test_the_report_gives_the_score_and_lists_each_survivor():
    report = _report([KILLED] * 18 + [SURVIVED] * 2 + [EQUIVALENT, CRASHED])
    assert report.score == 0.9 and not report.ok
    text = format_mutation_report(report)
    assert "02-measuring: mutation score 90.0% (18 of 20 wrong answers" in text
    assert "1 equivalent, 0 accepted and 1 failing not counted" in text
    assert text.count("survivor q8 [comparison: <= -> <] line 3: late = d[d.close_date < '2026-09-30']  keeps 2 of 2") == 2
    assert text.endswith("FAIL below 95%")
    assert _report([KILLED] * 19 + [SURVIVED]).ok


def test_validate_mutants_exits_1_below_the_goal(monkeypatch):
    monkeypatch.setattr(mutation_score, "run_mutants", lambda modules, *a, **k: [_report([KILLED, SURVIVED])])
    result = CliRunner().invoke(course_cli.validate, ["--mutants", "02-measuring", "--quiet"])
    assert result.exit_code == 1
    assert "mutation score 50.0%" in result.output and "survivor q8" in result.output
    monkeypatch.setattr(mutation_score, "run_mutants", lambda modules, *a, **k: [_report([KILLED] * 20)])
    assert CliRunner().invoke(course_cli.validate, ["--mutants", "--quiet"]).exit_code == 0


def test_an_accepted_survivor_is_not_counted_and_a_stale_acceptance_fails(tmp_path):
    (tmp_path / "00-orientation").mkdir()
    (tmp_path / "00-orientation" / FILE).write_text(
        "- exercise: q1\n  change: test\n  statement: \"x =   11\"\n  why: the lesson accepts whole days either side\n"
        "- exercise: q1\n  change: test\n  statement: x = 12\n  why: an old survivor, since killed\n")
    acceptances = accepted("00-orientation", tmp_path)
    stage = _stage()
    outcomes = [_accepting(grade_mutant(stage, _mutant(code)), acceptances) for code in ("x = 11", "x = 12")]
    assert [o.status for o in outcomes] == [ACCEPTED, KILLED]
    assert outcomes[0].why == "the lesson accepts whole days either side"
    [problem] = _stale(acceptances, outcomes)
    assert "q1: the accepted mutant [test] x = 12 no longer survives" in problem
    report = MutationReport("00-orientation", outcomes, 2)
    assert report.score == 1.0
    assert "accepted q1 [off_by_one: test] x = 11: the lesson accepts whole days either side" in format_mutation_report(report)


def test_an_acceptance_without_a_reason_is_refused(tmp_path):
    (tmp_path / "00-orientation").mkdir()
    (tmp_path / "00-orientation" / FILE).write_text("- exercise: q1\n  change: test\n  statement: x = 11\n  why: ''\n")
    with pytest.raises(CrosstrainError, match="entry 1 needs exactly change, exercise, statement, why"):
        accepted("00-orientation", tmp_path)


def test_the_report_counts_killed_mutants_that_keep_partial_credit():
    report = _report([KILLED] * 3)
    report.outcomes[0] = Outcome("q8", report.outcomes[0].mutant, KILLED, 1.0, 2.0)
    assert "1 killed mutants keep partial credit (at most half)" in format_mutation_report(report)
