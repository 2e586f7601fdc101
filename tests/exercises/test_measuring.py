"""Module 02's exercises: the metric formulas match the domain brief on hand-made rows,
the reference answers score 1 on several worlds, and each known-wrong answer loses points
with a message that keeps the answer secret."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from crosstrain.exercises import exercises_of
from crosstrain.exercises import measuring as m
from crosstrain.grading.graders import wrong_answers
from crosstrain.grading.sources import read_source, source_path
from crosstrain.learn.capture import as_plain
from crosstrain.paths import MODULES_DIR
from crosstrain.world.generate import generate
from crosstrain.world.load import World
from crosstrain.world.recipe import load_recipe

MODULE = "02-measuring"
EXERCISES = exercises_of(MODULE)
WRONG = wrong_answers(MODULE)
SOLUTIONS = {c.name: c.source for c in read_source(source_path(MODULES_DIR, MODULE)) if c.kind == "answer"}


@pytest.fixture(scope="module")
def other_seed_world(tmp_path_factory) -> World:
    """A mid-sized world with another seed: expected values must follow the data."""
    out = tmp_path_factory.mktemp("worlds") / "seed42"
    return World(generate(load_recipe("default").with_overrides(seed=42, leads=6000, name="seed42"), out, progress=False))


def _run(code: str, world, variable: str):
    """Run answer-cell code with what the notebook's locked setup cell defines."""
    namespace = {"world": world, "pd": pd, "np": np, "GROSS_MARGIN": m.GROSS_MARGIN,
                 "camps": world.campaigns, "leads": world.leads, "deals": world.opportunities}
    exec(compile(code, "<answer>", "exec"), namespace)
    return namespace[variable]


def _numbers(value):
    if isinstance(value, dict):
        return [v for x in value.values() for v in _numbers(x)]
    if isinstance(value, (list, tuple)):
        return [v for x in value for v in _numbers(x)]
    return [value]


def _mentions(message: str, value) -> bool:
    """Whether the message gives an expected number or label away, in any usual spelling."""
    for v in _numbers(value):
        if isinstance(v, float) and v == 0:
            continue  # "an AE who booked nothing attained 0" teaches, it does not give away
        spellings = {str(v)}
        if isinstance(v, float) and math.isfinite(v):
            spellings |= {f"{v:.2f}", f"{v:,.2f}", f"{v:.4g}", f"{v:.1%}", f"{v:.0%}", f"{v:g}"}
            if abs(v) >= 10:
                spellings.add(f"{v:,.0f}")
        if isinstance(v, int) and not isinstance(v, bool):
            spellings |= {f"{v:,}"}
        if any(re.search(rf"(?<![\w.]){re.escape(s)}(?![\w])", message) for s in spellings):
            return True
    return False


# -- hand-made rows: the formulas of the domain brief -------------------------------------

CAMPAIGNS = pd.DataFrame({
    "campaign_id": ["M1", "M2", "M3", "M4"],
    "channel": ["display", "display", "email", "event"],
    "budget": [1000.0, 500.0, 300.0, 2000.0],
    "actual_cost": [900.0, 600.0, 200.0, 1800.0],
    "impressions": [100_000, 10_000, 0, 0],
    "clicks": [200, 100, 50, 0],
})
LEADS = pd.DataFrame({
    "lead_id": [f"L{i}" for i in range(8)],
    "source_channel": ["display"] * 4 + ["email"] * 2 + ["event", "outbound"],
    "campaign_id": ["M1", "M1", "M1", "M2", "M3", "M3", "M4", None],
    "sql_at": [pd.NaT, pd.NaT, pd.NaT, pd.Timestamp("2026-01-05"), pd.Timestamp("2026-01-02"), pd.NaT,
               pd.Timestamp("2026-02-01"), pd.Timestamp("2026-02-01")],
})
T = pd.Timestamp("2026-01-01")
DEALS = pd.DataFrame({
    "opportunity_id": ["O1", "O2", "O3", "O4", "O5"],
    "owner_id": ["U1", "U1", "U2", "U1", "U2"],
    "campaign_id": ["M1", "M3", "M3", None, "M4"],
    "segment": ["smb"] * 5,
    "amount": [1000.0, 3000.0, 6000.0, 9000.0, 500.0],
    "is_closed": [True, True, True, False, True],
    "is_won": [True, True, False, False, True],
    "created_at": [T, T, T, T, T],
    "close_date": [T + pd.Timedelta(days=10), T + pd.Timedelta(days=20), T + pd.Timedelta(days=30),
                   T + pd.Timedelta(days=40), T + pd.Timedelta(days=80)],
})
USERS = pd.DataFrame({"user_id": ["U1", "U2", "U3", "U9"], "role": ["ae", "ae", "ae", "sdr"],
                      "quarterly_quota": [8000.0, 1000.0, 5000.0, np.nan]})


def test_ctr_is_clicks_over_impressions_summed_per_channel():
    ctr = m.ctr_by_channel(CAMPAIGNS)
    assert ctr.to_dict() == pytest.approx({"display": 300 / 110_000})  # not the mean of 0.002 and 0.01
    assert "email" not in ctr  # no impressions, no CTR


def test_cost_per_lead_and_per_sql_use_actual_cost_and_leave_outbound_out():
    cpl = m.cost_per(CAMPAIGNS, LEADS)
    assert cpl.to_dict() == pytest.approx({"display": 1500 / 4, "email": 200 / 2, "event": 1800 / 1})
    per_sql = m.cost_per(CAMPAIGNS, LEADS, "sql_at")
    assert per_sql.to_dict() == pytest.approx({"display": 1500 / 1, "email": 200 / 1, "event": 1800 / 1})
    # the cheapest leads are not the cheapest SQLs: CPL / lead-to-SQL rate
    assert cpl.idxmin() == "email" and per_sql["display"] == pytest.approx(cpl["display"] / (1 / 4))
    assert "outbound" not in per_sql


def test_roi_is_attributed_gross_profit_minus_spend_over_spend():
    roi = m.roi_by_channel(CAMPAIGNS, DEALS, margin=0.8)
    # display: won O1 (1000); email: won O2 (3000), lost O3 left out; event: won O5 (500)
    assert roi.to_dict() == pytest.approx({"display": (800 - 1500) / 1500, "email": (2400 - 200) / 200, "event": (400 - 1800) / 1800})


def test_win_rate_is_won_over_won_plus_lost_by_count_and_by_value():
    assert m.win_rate_by_count(DEALS) == pytest.approx(3 / 4)  # the open O4 stays out
    assert m.win_rate_by_value(DEALS) == pytest.approx(4500 / 10500)
    assert m.average_deal_size(DEALS) == pytest.approx(4500 / 3)


def test_cycle_length_is_the_median_over_won_deals():
    assert m.median_won_cycle(DEALS) == pytest.approx(20)  # won: 10, 20, 80 days; the mean would be about 37


def test_last_complete_quarter():
    assert m.last_complete_quarter(pd.Timestamp("2026-10-01")) == pd.Period("2026Q3")
    assert m.last_complete_quarter(pd.Timestamp("2026-08-15")) == pd.Period("2026Q2")


def test_attainment_counts_wins_closed_in_the_quarter_for_every_ae():
    got = m.attainment(DEALS, USERS, pd.Period("2026Q1"))
    # U1 won 1000 + 3000 (the open 9000 is no booking); U2 won 500 (the lost 6000 is not); U3 nothing
    assert got.to_dict() == pytest.approx({"U1": 4000 / 8000, "U2": 500 / 1000, "U3": 0.0})


# -- answer kinds ------------------------------------------------------------------------

def test_by_label_accepts_a_series_or_a_dict_and_gives_partial_credit():
    kind = m.ByLabel(lambda w: ["a", "b"], measure="CTR", share=True)
    expected = {"a": 0.1, "b": 0.2}
    assert kind.score(as_plain(pd.Series({"a": 0.1, "b": 0.2})), expected) == 1
    assert kind.score({"a": 0.1, "b": 0.3}, expected) == 0.5
    assert kind.score({"a": 0.1, "b": 0.2, "c": 0.0}, expected) == pytest.approx(2 / 3)  # extras cost
    assert kind.score([0.1, 0.2], expected) == 0
    assert "between 0 and 1" in kind.sanity({"a": 10.0, "b": 20.0}, None)
    assert "'b'" in kind.sanity({"a": 0.1}, None)
    assert "'c'" in kind.sanity({"a": 0.1, "b": 0.2, "c": 0.3}, None)
    assert "divide by zero" in kind.sanity({"a": 0.1, "b": float("nan")}, None)


def test_parts_and_days_kinds():
    parts = m.Parts((("x", m.Share()), ("y", m.Amount())))
    assert parts.score({"x": 0.5, "y": 10.0}, {"x": 0.5, "y": 11.0}) == 0.5
    assert "'y'" in parts.sanity({"x": 0.5}, None)
    days = m.Days()
    assert days.score(12.5, (12.5, 12.0)) == 1 and days.score(12.0, (12.5, 12.0)) == 1 and days.score(13.0, (12.5, 12.0)) == 0
    assert "Timedelta" in days.sanity(pd.Timedelta(days=3), None)


# -- the exercises on real worlds ---------------------------------------------------------

@pytest.mark.parametrize("name", list(EXERCISES))
def test_reference_solution_scores_full_on_the_default_world(name, default_world):
    exercise = EXERCISES[name]
    answer = _run(SOLUTIONS[name], default_world, exercise.variable)
    assert exercise.score(answer, default_world) == 1.0
    assert exercise.check(answer, default_world).correct


@pytest.mark.parametrize("name", list(EXERCISES))
def test_reference_solution_scores_full_on_another_seed(name, other_seed_world):
    exercise = EXERCISES[name]
    answer = _run(SOLUTIONS[name], other_seed_world, exercise.variable)
    assert exercise.score(answer, other_seed_world) == 1.0


@pytest.mark.parametrize("wrong", WRONG, ids=lambda w: f"{w.exercise}-{w.mistake}")
def test_known_wrong_answer_loses_points_with_a_message_that_keeps_the_answer_secret(wrong, default_world):
    exercise = EXERCISES[wrong.exercise]
    answer = _run(wrong.code, default_world, exercise.variable)
    feedback = exercise.check(answer, default_world)
    assert not feedback.correct
    assert exercise.score(answer, default_world) < 1.0
    assert feedback.message and "not what the data gives" not in feedback.message and "part of your answer" not in feedback.message, \
        "a known mistake deserves a specific message"
    assert not _mentions(feedback.message, exercise.expected(default_world)), feedback.message


def test_every_exercise_has_two_known_wrong_answers_a_hint_and_a_solution():
    for name, exercise in EXERCISES.items():
        assert sum(w.exercise == name for w in WRONG) >= 2, name
        assert exercise.hint() and exercise.solution()


def test_expected_values_are_recomputed_from_the_world(default_world, tiny_world, other_seed_world):
    for name, exercise in EXERCISES.items():
        values = [exercise.expected(w) for w in (default_world, tiny_world, other_seed_world)]
        if name == "q4":  # labels: may agree by chance, but must be valid paid media
            assert all(set(v.values()) <= set(m.PAID_MEDIA) for v in values)
            continue
        assert values[0] != values[1] and values[0] != values[2], name


def test_the_solution_texts_agree_with_the_notebook(default_world):
    for name, exercise in EXERCISES.items():
        answer = _run(exercise.solution_text, default_world, exercise.variable)
        assert exercise.score(answer, default_world) == 1.0, name


def test_the_notebook_states_the_gross_margin_the_grader_assumes():
    source = source_path(MODULES_DIR, MODULE).read_text(encoding="utf-8")
    assert "from crosstrain.exercises.measuring import GROSS_MARGIN" in source
    assert f"{m.GROSS_MARGIN:.0%}" in source
