"""Module 02's exercises: the metric formulas match the domain brief on hand-made rows,
the reference answers score 1 on several worlds, and each known-wrong answer loses points
with a message that keeps the answer secret."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from module_proof import ModuleProof

from crosstrain.course.sources import source_path
from crosstrain.notebook.answers.by_label import ByLabel, Days, Parts
from crosstrain.notebook.answers.scalars import Amount, Share
from crosstrain.notebook.capture import as_plain
from crosstrain.notebook.exercises.measuring import formulas as m
from crosstrain.paths import MODULES_DIR

MODULE = "02-measuring"


def _setup(world) -> dict:
    """What the notebook defines before its answers: the setup cell, and section 4's `deals`
    kept to new business (the answer cells of q6 to q8 come after it)."""
    deals = world.opportunities
    return {"pd": pd, "np": np, "GROSS_MARGIN": m.GROSS_MARGIN,
            "camps": world.campaigns, "leads": world.leads, "deals": deals[deals.type == "new_business"]}


# Messages may say "an AE who booked nothing attained 0", but never the paid-media pick's labels.
PROOF = ModuleProof(MODULE, _setup, varying=("q1", "q2", "q3", "q5", "q6", "q7", "q8"),
                    secret={"spare": [0.0], "mapped_labels": True})
globals().update(PROOF.tests())
EXERCISES = PROOF.exercises


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
QUOTAS = pd.DataFrame({"user_id": ["U1", "U2", "U3", "U1", "U4"], "quarter": ["2026Q1", "2026Q1", "2026Q1", "2026Q2", "2026Q2"],
                       "quota": [8000.0, 1000.0, 5000.0, 99_000.0, 7000.0], "ramp_pct": [100.0, 100.0, 40.0, 100.0, 20.0]})


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
    got = m.attainment(DEALS, QUOTAS, pd.Period("2026Q1"))
    # U1 won 1000 + 3000 (the open 9000 is no booking); U2 won 500 (the lost 6000 is not); U3 nothing;
    # only that quarter's quotas count (U4 joined later, U1's 2026Q2 quota is another quarter's)
    assert got.to_dict() == pytest.approx({"U1": 4000 / 8000, "U2": 500 / 1000, "U3": 0.0})


# -- answer kinds ------------------------------------------------------------------------

def test_by_label_accepts_a_series_or_a_dict_and_gives_partial_credit():
    kind = ByLabel(lambda w: ["a", "b"], measure="CTR", share=True)
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
    parts = Parts((("x", Share()), ("y", Amount())))
    assert parts.score({"x": 0.5, "y": 10.0}, {"x": 0.5, "y": 11.0}) == 0.5
    assert "'y'" in parts.sanity({"x": 0.5}, None)
    days = Days()
    assert days.score(12.5, (12.5, 12.0)) == 1 and days.score(12.0, (12.5, 12.0)) == 1 and days.score(13.5, (12.5, 12.0)) == 0
    # rounded to a decimal, or the whole day either side: 107.68 as 107.7, 107 (.median().days) or 108
    for accepted in (107.7, 107, 108, 107.0):
        assert days.score(accepted, (107.684, 107.5)) == 1, accepted
    for rejected in (106, 109, 107.6, 107.8, float("nan")):
        assert days.score(rejected, (107.684, 107.5)) == 0, rejected
    assert "Timedelta" in days.sanity(pd.Timedelta(days=3), None)


# -- the exercises on real worlds ---------------------------------------------------------

@pytest.mark.parametrize("code", [
    "enterprise_cycle = (ent.close_date - ent.created_at).median().days",
    "enterprise_cycle = (ent.close_date - ent.created_at).dt.days.median()",
    "enterprise_cycle = round(((ent.close_date - ent.created_at) / pd.Timedelta(days=1)).median(), 1)",
    "enterprise_cycle = round(((ent.close_date - ent.created_at) / pd.Timedelta(days=1)).median())",
])
def test_the_cycle_in_whole_days_any_usual_way_earns_full_marks(code, default_world, other_seed_world):
    """The lesson says whole days are accepted: so are .median().days and a rounded median."""
    for world in (default_world, other_seed_world):
        answer = PROOF.answer(world, "q7", "ent = deals[(deals.segment == 'enterprise') & deals.is_won]\n" + code)
        assert EXERCISES["q7"].score(answer, world) == 1.0, (code, answer)
        assert EXERCISES["q7"].check(answer, world).correct

def test_the_paid_media_pick_names_paid_media_in_every_world(default_world, tiny_world, other_seed_world):
    """Labels may agree by chance between worlds (so q4 is not in PROOF's varying), but must be paid media."""
    for world in (default_world, tiny_world, other_seed_world):
        assert set(EXERCISES["q4"].expected(world).values()) <= set(m.PAID_MEDIA), world.name


def test_the_notebook_states_the_gross_margin_the_grader_assumes():
    """The lesson module re-exports the formulas' own constant, so the two cannot differ."""
    source = source_path(MODULES_DIR, MODULE).read_text(encoding="utf-8")
    assert "from crosstrain.notebook.exercises.measuring.lesson import GROSS_MARGIN" in source
    from crosstrain.notebook.exercises.measuring import lesson

    assert lesson.GROSS_MARGIN == m.GROSS_MARGIN
    assert f"{m.GROSS_MARGIN:.0%}" in source


def test_lowering_the_mql_bar_moves_mqls_and_cost_per_mql_not_leads(default_world):
    """Issue 15: the lesson said a lower MQL bar raises lead counts and lowers cost per lead;
    leads are counted before the bar, so it moves MQLs and the cost per MQL only."""
    leads, spend = default_world.leads, default_world.campaigns.actual_cost.sum()
    inbound = leads[leads.source_channel != "outbound"]
    mean_score = (inbound.fit_score + inbound.engagement_score) / 2
    mqls = {bar: int((mean_score >= bar).sum()) for bar in (45, 40)}
    assert mqls[40] > mqls[45] and spend / mqls[40] < spend / mqls[45]
    text = " ".join(source_path(MODULES_DIR, MODULE).read_text(encoding="utf-8").replace("#", "").split())
    assert "raises the number of MQLs and lowers the cost per MQL" in text
    assert "raises lead counts" not in text
