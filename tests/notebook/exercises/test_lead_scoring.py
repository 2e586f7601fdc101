"""Module 04's exercises: the scoring formulas match the domain brief on hand-made rows,
the reference answers score 1 on several worlds, and each known-wrong answer loses points
with a message that keeps the answer secret."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from module_proof import ModuleProof

from crosstrain.notebook.capture import as_plain
from crosstrain.notebook.exercises.lead_scoring import formulas as ls
from crosstrain.notebook.exercises.lead_scoring.formulas import lead_scores_frame
from crosstrain.notebook.exercises.lead_scoring.kinds import Grid, LeadScores, Tags
from crosstrain.world.schema import MEDDPICC_FLAGS

MODULE = "04-lead-scoring"
REF = pd.Timestamp("2026-10-01")


def _setup(world) -> dict:
    """What the notebook's setup cell defines."""
    import matplotlib.pyplot as plt

    return {"pd": pd, "np": np, "plt": plt}


PROOF = ModuleProof(MODULE, _setup, lesson=True, skip=lambda cell: "score_explorer(" in cell.source,  # the widget
                    builds_on={"q2": ("q1",), "q3": ("q1",)},  # the written solutions start from q1's scores
                    varying=("q1", "q2", "q3", "q4", "q6", "q7"))
globals().update(PROOF.tests())
EXERCISES = PROOF.exercises


# -- hand-made rows: the formulas of the domain brief -------------------------------------

def _fake_world(touches, leads, deals=None, notes=None):
    """A stand-in world: leads (lead_id, fit_score, created_at, ...), touchpoints, the recipe's points."""
    info = {"recipe": {"funnel": {"event_types": ["page_view", "pricing_view", "demo_request"], "event_points": [1, 10, 25]}}}
    return SimpleNamespace(
        info=info, reference_date=REF,
        leads=pd.DataFrame(leads),
        touchpoints=pd.DataFrame(touches, columns=["lead_id", "event_type", "occurred_at"]),
        opportunities=pd.DataFrame(deals) if deals is not None else None,
        call_notes=notes,
    )


def _days_ago(d):
    return REF - pd.Timedelta(days=d)


FAKE = _fake_world(
    touches=[("L1", "demo_request", _days_ago(30)), ("L1", "pricing_view", _days_ago(60)), ("L2", "page_view", _days_ago(0))],
    leads={"lead_id": ["L1", "L2", "L3"], "fit_score": [40, 50, 60], "created_at": [_days_ago(90), _days_ago(30), _days_ago(0)]},
)


def test_engagement_halves_every_30_days_and_fit_does_not_decay():
    frame = lead_scores_frame(FAKE)
    # L1: 25 points 30 days ago -> 12.5; 10 points 60 days ago -> 2.5; fit 40 kept whole.
    assert frame.engagement.to_dict() == pytest.approx({"L1": 15.0, "L2": 1.0, "L3": 0.0})
    assert frame.score.to_dict() == pytest.approx({"L1": 55.0, "L2": 51.0, "L3": 60.0})


def test_the_wrong_decays_differ_from_a_half_life():
    linear = lead_scores_frame(FAKE, decay="linear").engagement
    assert linear["L1"] == pytest.approx(0.0)  # a straight line reaches zero at 30 days
    e_fold = lead_scores_frame(FAKE, decay="e_folding").engagement
    assert e_fold["L1"] == pytest.approx(25 * math.exp(-1) + 10 * math.exp(-2))
    decayed_fit = lead_scores_frame(FAKE, decay_fit=True).score
    assert decayed_fit["L1"] == pytest.approx(40 * 0.5 ** 3 + 15.0)
    later = lead_scores_frame(FAKE, as_of=REF + pd.Timedelta(days=30)).engagement
    assert later["L1"] == pytest.approx(7.5)  # measured to another "today", everything halves again


def test_f1_is_two_hits_over_predicted_plus_actual_and_the_best_bar_takes_the_lowest_tie():
    score = pd.Series([10.0, 20.0, 30.0, 40.0])
    truth = pd.Series([False, True, False, True])
    # threshold 20: MQLs 20, 30, 40 -> precision 2/3, recall 1 -> F1 = 2PR / (P + R) = 0.8
    precision, recall = 2 / 3, 1.0
    assert ls.f1_at(score, truth, 20) == pytest.approx(2 * precision * recall / (precision + recall))
    assert ls.f1_at(score, truth, 40) == pytest.approx(2 / 3)
    assert ls.f1_at(score, truth, 41) == 0.0
    assert ls.best_threshold(score, truth) == 11  # 11..20 all give 0.8: the lowest wins


def test_the_fast_best_threshold_equals_the_plain_loop(default_world):
    keep = ls._inbound(default_world)
    score = ls.lead_scores(default_world)[keep]
    for truth in (default_world.leads.set_index("lead_id").opportunity_id.notna()[keep],
                  default_world.leads.set_index("lead_id").mql_at.notna()[keep]):
        assert ls.best_threshold(score, truth) == max(ls.THRESHOLDS, key=lambda t: ls.f1_at(score, truth, t))


def test_grid_is_the_share_of_each_cell_that_became_an_opportunity():
    world = SimpleNamespace(leads=pd.DataFrame({
        "source_channel": ["email", "email", "email", "outbound", "webinar"],
        "fit_score": [70, 70, 10, 70, 45],
        "engagement_score": [50, 50, 0, 50, 15],
        "opportunity_id": ["O1", None, None, "O2", None],
        "mql_at": [REF, REF, pd.NaT, pd.NaT, REF],
    }))
    grid = ls.conversion_grid(world)
    assert grid.at["high", "high"] == pytest.approx(0.5)  # the outbound lead is left out
    assert grid.at["low", "low"] == 0.0 and grid.at["medium", "medium"] == 0.0
    assert math.isnan(grid.at["low", "high"])  # an empty cell has no rate
    assert ls.conversion_grid(world, inbound_only=False).at["high", "high"] == pytest.approx(2 / 3)
    assert ls.band(pd.Series([39, 40, 59, 60]), ls.FIT_EDGES).tolist() == ["low", "medium", "medium", "high"]


def test_meddpicc_completeness_and_late_deals_without_an_economic_buyer():
    flags = {f: [True, False, True, True] for f in MEDDPICC_FLAGS}
    flags["has_economic_buyer"] = [True, False, False, False]
    deals = pd.DataFrame({**flags, "probability": [70, 50, 100, 90], "is_closed": [False, False, True, False]})
    open_deals = deals[~deals.is_closed]
    assert ls.meddpicc_completeness(open_deals) == pytest.approx((8 / 8 + 0 / 8 + 7 / 8) / 3)
    assert ls.late_without_buyer(open_deals) == 1  # the 90% deal; the closed one at 100 does not count
    assert ls.late_without_buyer(deals) == 2  # what counting closed deals as open gives
    at_decision_makers = open_deals.assign(probability=[60, 50, 60])  # still identifying the buyer: not late
    assert ls.late_without_buyer(at_decision_makers) == 0
    assert ls.late_without_buyer(at_decision_makers, ls.DECISION_MAKERS_PROBABILITY) == 1  # the last one, no buyer yet


def test_tags_are_compared_as_sets_with_partial_credit():
    kind = Tags()
    expected = {"A": "bant.need;meddpicc.identified_pain", "B": "bant.budget"}
    assert kind.score({"A": "meddpicc.identified_pain; bant.need", "B": "BANT.budget"}, expected) == 1.0
    assert kind.score({"A": "meddpicc.identified_pain", "B": "bant.budget"}, expected) == 0.5
    assert kind.score(["bant.budget"], expected) == 0.0


def test_grid_credit_is_by_row():
    kind = Grid()
    expected = pd.DataFrame(np.arange(9).reshape(3, 3) / 10, index=list(ls.BANDS), columns=list(ls.BANDS))
    assert kind.score(as_plain(expected.copy()), expected) == 1.0
    one_off = expected.copy()
    one_off.iloc[0, 0] = 0.5
    assert kind.score(one_off, expected) == pytest.approx(2 / 3)
    assert kind.score(expected.T, expected) == 0.0  # transposed: no row is right
    assert kind.score(expected.values.tolist(), expected) == 0.0


# -- on generated worlds -------------------------------------------------------------------

def test_whole_day_ages_are_accepted_for_the_score(default_world):
    code = ("age_days = (world.reference_date - tp.occurred_at).dt.days\n"
            "engagement = (tp.event_type.map(points) * 0.5 ** (age_days / 30)).groupby(tp.lead_id).sum()\n"
            "fit = world.leads.set_index('lead_id').fit_score\n"
            "scores = fit + engagement.reindex(fit.index, fill_value=0)")
    scores = PROOF.answer(default_world, "q1", "tp = world.touchpoints\n" + code)
    assert EXERCISES["q1"].score(scores, default_world) == 1.0


def test_score_sanity_speaks_to_the_learner(default_world):
    kind, expected = LeadScores(), EXERCISES["q1"].expected(default_world)
    scores = expected.score
    assert "lead_id" in kind.sanity(scores.reset_index(drop=True), default_world)
    assert "keep every lead" in kind.sanity(scores.iloc[:-5], default_world)
    assert "fillna" in kind.sanity(scores.where(scores.index != scores.index[0]), default_world)
    assert "Series" in kind.sanity(scores.tolist(), default_world)
    assert kind.sanity(as_plain(scores), default_world) is None


def test_the_call_snippets_follow_the_world(default_world, other_seed_world):
    assert set(ls.call_snippets(default_world).note_id) != set(ls.call_snippets(other_seed_world).note_id)


def test_the_mql_count_on_whole_day_scores_earns_full_marks(default_world):
    """Whole-day ages are accepted for q1, so q2's count on those scores is right too (on the
    default world 18 more leads clear the bar than with decimal days)."""
    code = ("tp = world.touchpoints\n"
            "age_days = (world.reference_date - tp.occurred_at).dt.days\n"
            "engagement = (tp.event_type.map(points) * 0.5 ** (age_days / 30)).groupby(tp.lead_id).sum()\n"
            "fit = world.leads.set_index('lead_id').fit_score\n"
            "scores = fit + engagement.reindex(fit.index, fill_value=0)\n"
            + EXERCISES["q2"].solution_text)
    whole, decimal = PROOF.answer(default_world, "q2", code), PROOF.reference_answer(default_world, "q2")
    assert whole != decimal  # the two ways to age really give two counts here
    for answer in (whole, decimal):
        assert EXERCISES["q2"].score(answer, default_world) == 1.0
        assert EXERCISES["q2"].check(answer, default_world).correct
    assert EXERCISES["q2"].score(decimal + 1, default_world) == 0.0


def test_the_lessons_snippets_carry_no_tags(default_world):
    """The learner's install shows q5's snippets without the tags q5 asks for; the grader adds them."""
    from crosstrain.notebook.exercises.lead_scoring import lesson

    shown = lesson.call_snippets(default_world)
    assert "framework_tags" not in shown.columns and list(shown.index) == [k[0] for k in lesson.SNIPPET_KINDS]
    assert ls.call_snippets(default_world).drop(columns="framework_tags").equals(shown)
