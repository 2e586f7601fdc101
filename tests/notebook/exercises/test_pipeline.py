"""Module 06's exercises: the pipeline formulas match the domain brief on hand-made rows
(weighted pipeline, coverage needed = 1 / win rate, velocity and its levers, slips, the
forecast roll-up, discount bands), the reference answers score 1 on several worlds, and
each known-wrong answer loses points with a message that keeps the answer secret."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from module_proof import ModuleProof

from crosstrain.notebook.exercises.pipeline import formulas as p
from crosstrain.notebook.exercises.pipeline.kinds import CoverageNeeded
from crosstrain.world.schema import DEAL_STAGES, new_business

MODULE = "06-pipeline"
REF = pd.Timestamp("2026-10-01")


def _setup(world) -> dict:
    """What the notebook's setup cell defines."""
    import matplotlib.pyplot as plt

    return {"pd": pd, "np": np, "plt": plt, "DEAL_STAGES": DEAL_STAGES, "discount_band": p.discount_band,
            "deal_risks": p.deal_risks, "deals": world.opportunities, "history": world.opportunity_history,
            "users": world.users, "today": world.reference_date}


PROOF = ModuleProof(MODULE, _setup, lesson=True)
globals().update(PROOF.tests())
EXERCISES = PROOF.exercises


# -- hand-made rows: the formulas of the domain brief -------------------------------------

def _day(n: int) -> pd.Timestamp:
    return REF + pd.Timedelta(days=n)


DEALS = pd.DataFrame({
    "opportunity_id": ["O1", "O2", "O3", "O4", "O5", "O6", "O7"],
    "owner_id": ["U1", "U1", "U2", "U1", "U2", "U1", "U2"],
    "stage": ["negotiation_review", "prospecting", "value_proposition", "closed_won", "closed_lost", "closed_won", "proposal_price_quote"],
    "forecast_category": ["commit", "pipeline", "best_case", "closed", "omitted", "closed", "best_case"],
    "amount": [10_000.0, 50_000.0, 20_000.0, 8_000.0, 30_000.0, 4_000.0, 40_000.0],
    "discount_pct": [0.0, 5.0, 10.0, 20.0, 0.0, 9.9, 0.0],
    "is_closed": [False, False, False, True, True, True, False],
    "is_won": [False, False, False, True, False, True, False],
    "created_at": [_day(-100), _day(-10), _day(-50), _day(-200), _day(-120), _day(-30), _day(-40)],
    # O7 closes next quarter: not this quarter's pipeline
    "close_date": [_day(30), _day(91), _day(60), _day(-100), _day(-20), _day(-10), _day(95)],
})
USERS = pd.DataFrame({"user_id": ["U1", "U2", "U3"], "role": ["ae", "ae", "sdr"], "quarterly_quota": [30_000.0, 20_000.0, np.nan]})


def test_this_quarter_is_the_quarter_containing_the_reference_date():
    start, end = p.quarter_bounds(pd.Timestamp("2026-11-15"))
    assert (start, end.normalize()) == (pd.Timestamp("2026-10-01"), pd.Timestamp("2026-12-31"))
    # open deals closing from today to the quarter's end: O1 (day 30), O3 (day 60) and O2
    # (day 91, 2026-12-31: the quarter's last day); not O7 (day 95, next quarter) nor closed deals
    inside = p.open_this_quarter(DEALS, REF)
    assert set(inside.opportunity_id) == {"O1", "O2", "O3"}
    assert not inside.is_closed.any()


def test_weighted_pipeline_is_amount_times_stage_probability_over_100():
    inside = p.open_this_quarter(DEALS, REF)
    assert p.weighted_pipeline(inside) == pytest.approx(10_000 * 0.9 + 50_000 * 0.1 + 20_000 * 0.5)


def test_coverage_is_open_pipeline_over_remaining_quota_and_needed_is_one_over_win_rate():
    deals = DEALS.copy()
    deals.loc[deals.opportunity_id == "O6", "close_date"] = _day(0)  # booked today: counts as booked this quarter
    assert p.team_quota(USERS) == 50_000
    assert p.bookings_so_far(deals, REF) == 4_000
    assert p.remaining_quota(deals, USERS, REF) == 46_000
    assert p.coverage(80_000, 46_000) == pytest.approx(80_000 / 46_000)
    assert p.coverage_needed(0.25) == 4  # 1 / win rate: never 3 x 0.25
    assert p.coverage_needed(1 / 3) == pytest.approx(3)


def test_win_rate_by_value_and_the_window():
    recent = p.recent_closed(DEALS, REF, days=365)
    assert set(recent.opportunity_id) == {"O4", "O5", "O6"}  # closed, in the window; open deals stay out
    assert p.win_rate_by_value(recent) == pytest.approx(12_000 / 42_000)
    assert set(p.recent_closed(DEALS, REF, days=50).opportunity_id) == {"O5", "O6"}


def test_velocity_is_opportunities_times_deal_times_win_rate_over_cycle():
    assert p.velocity(10, 20_000, 0.25, 50) == pytest.approx(10 * 20_000 * 0.25 / 50)
    inputs = p.velocity_inputs(DEALS, REF)
    # open now: O1, O2, O3, O7; won in the window: O4 (200 - 100 = 100 days), O6 (20 days); lost O5
    assert inputs == pytest.approx({"opportunities": 4, "average_deal": 6_000, "win_rate": 2 / 3, "cycle_length": 60})
    by_owner = p.velocity_by_owner(DEALS, REF)
    # U1: open O1, O2; won O4, O6 of 2 closed; U2 has no win in the window and is left out
    assert by_owner.to_dict() == pytest.approx({"U1": 2 * 6_000 * 1.0 / 60})


def test_a_shorter_cycle_moves_velocity_most():
    inputs = {"opportunities": 100, "average_deal": 10_000, "win_rate": 0.2, "cycle_length": 60}
    base = p.velocity(**inputs)
    lifts = {k: v / base - 1 for k, v in p.lever_velocities(inputs).items()}
    assert lifts["opportunities"] == pytest.approx(0.10)
    assert lifts["average_deal"] == pytest.approx(0.10)
    assert lifts["win_rate"] == pytest.approx(0.10)  # 20% -> 22%, not 30%
    assert lifts["cycle_length"] == pytest.approx(1 / 0.9 - 1)  # about 11.1%
    assert max(lifts, key=lifts.get) == "cycle_length"


def test_a_slip_is_a_close_date_moved_later_not_a_history_row():
    history = pd.DataFrame({
        "opportunity_id": ["A", "A", "A", "A", "A", "B", "B", "B"],
        "changed_at": [_day(-9), _day(-1), _day(-5), _day(-7), _day(-3), _day(-9), _day(-8), _day(-7)],
        "stage": ["prospecting", "closed_lost", "needs_analysis", "qualification", "needs_analysis", "prospecting", "qualification", "needs_analysis"],
        "close_date": [_day(10), _day(30), _day(20), _day(10), _day(30), _day(10), _day(10), _day(5)],
    })
    # A in time order: 10, 10 (stage change), 20 (slip), 30 (slip), 30 (closed): 2 slips in 5 rows
    # B: 10, 10, 5 (pulled in, not a slip)
    assert p.slips_per_deal(history).to_dict() == {"A": 2, "B": 0}


def test_forecast_rollup_adds_full_amounts_commit_under_best_case():
    deals = DEALS.copy()
    deals.loc[deals.opportunity_id == "O6", "close_date"] = _day(0)  # won this quarter
    got = p.forecast_rollup(deals, REF)
    # commit = won so far 4,000 + commit O1 10,000; best case adds O3 20,000 (O7 closes next quarter)
    assert got == pytest.approx({"commit": 14_000, "best_case": 34_000})


def test_discount_bands_and_the_median_won_amount():
    bands = p.discount_band(pd.Series([0.0, 0.1, 9.9, 10.0, 19.9, 20.0, 25.0, np.nan]))
    assert bands.tolist() == ["none", "under_10", "under_10", "10_to_20", "10_to_20", "20_plus", "20_plus", "none"]
    deals = pd.DataFrame({
        "amount": [1.0, 2.0, 30.0, 5.0, 7.0], "discount_pct": [0.0, 0.0, 0.0, 0.0, 12.0],
        "is_closed": [True, True, True, True, True], "is_won": [True, True, True, False, False],
    })
    table = p.discount_table(deals)
    assert table.win_rate.to_dict() == pytest.approx({"none": 0.75, "10_to_20": 0.0})
    assert table.median_won_amount["none"] == 2.0  # median of 1, 2, 30; the mean would be 11
    assert math.isnan(table.median_won_amount["10_to_20"])


def test_coverage_needed_below_one_is_caught_without_giving_the_answer():
    kind = CoverageNeeded()
    assert "multiply by the win rate" in kind.sanity(0.2, None)
    assert kind.sanity(4.0, None) is None
    assert kind.score(4.0, 4.0) == 1 and kind.score(0.25, 4.0) == 0


# -- on generated worlds -------------------------------------------------------------------

def test_the_biggest_lever_is_the_cycle_in_every_world(default_world, other_seed_world):
    """Only the velocities of q4 follow the data (PROOF checks they do)."""
    assert all(EXERCISES["q4"].expected(w)["biggest"] == "cycle_length" for w in (default_world, other_seed_world))


def test_the_coverage_mistake_is_named_for_what_it_is(default_world):
    """Multiplying by the win rate is the one mistake the domain brief singles out."""
    code = next(w.code for w in PROOF.wrong if w.exercise == "q2" and w.mistake == "multiplied_by_win_rate")
    answer = PROOF.answer(default_world, "q2", code)
    message = EXERCISES["q2"].check(answer, default_world).message
    assert "you multiplied by the win rate" in message and "1 / win rate" in message


def test_new_business_leaves_the_expansion_deals_out():
    deals = DEALS.assign(type=["new_business"] * 6 + ["expansion"])
    assert set(new_business(deals).opportunity_id) == {"O1", "O2", "O3", "O4", "O5", "O6"}


@pytest.mark.parametrize("name", ["q2", "q6"])
def test_counting_expansion_deals_loses_at_least_half_the_points(name, default_world, other_seed_world):
    """The AEs' quota covers new business: a roll-up or coverage with expansions in it misleads the call."""
    code = next(w.code for w in PROOF.wrong if w.exercise == name and w.mistake == "with_expansions")
    for world in (default_world, other_seed_world):
        assert EXERCISES[name].score(PROOF.answer(world, name, code), world) <= 0.5, world.name
