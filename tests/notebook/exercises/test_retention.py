"""Module 09's exercises: retention, churn and message-map formulas match the usual SaaS
definitions on hand-made rows, the reference answers score 1 on several worlds, each
known-wrong answer loses points with a message that keeps the answer secret, and the
solution notebook runs in 10 seconds."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from module_proof import ModuleProof, check_solution_notebook

from crosstrain.notebook.exercises.retention import formulas as rt
from crosstrain.notebook.tables import shown

MODULE = "09-retention"


def _setup(world) -> dict:
    """What the notebook's setup cell defines."""
    return {"pd": pd, "display": lambda *a, **k: None, "shown": shown}


PROOF = ModuleProof(MODULE, _setup, lesson=True, written_in_notebook=True, builds_on={"q3": ("q2",)},
                    skip=lambda cell: "retention_explorer(" in cell.source)  # the widget
globals().update(PROOF.tests())
EXERCISES = PROOF.exercises


# -- hand-made rows: the definitions ---------------------------------------------------------

REF = pd.Timestamp("2026-06-30")
DAY = pd.Timestamp


def _event(i, sub, when, kind, before, after):
    return {"event_id": f"E{i:03d}", "subscription_id": sub, "occurred_at": DAY(when), "type": kind,
            "arr_before": before, "arr_after": after}


def _world():
    """Four customers: A expands, B contracts, C churns (all there a year ago), D is new."""
    events = pd.DataFrame([
        _event(1, "A", "2025-01-10", "new", 0, 100), _event(2, "A", "2026-01-10", "expansion", 100, 160),
        _event(3, "B", "2025-03-01", "new", 0, 200), _event(4, "B", "2026-03-01", "contraction", 200, 150),
        _event(5, "C", "2025-05-01", "new", 0, 100), _event(6, "C", "2026-05-01", "churn", 100, 0),
        _event(7, "D", "2026-02-01", "new", 0, 500),
    ])
    subs = pd.DataFrame({"subscription_id": list("ABCD"), "segment": ["smb"] * 4,
                         "start_date": [DAY("2025-01-10"), DAY("2025-03-01"), DAY("2025-05-01"), DAY("2026-02-01")],
                         "arr_start": [100.0, 200.0, 100.0, 500.0], "arr": [160.0, 150.0, 0.0, 500.0],
                         "status": ["active", "active", "churned", "active"]})
    return SimpleNamespace(reference_date=REF, subscription_events=events, subscriptions=subs)


def test_nrr_counts_expansion_contraction_and_churn_of_the_customers_a_year_ago_only():
    # a year ago: A 100, B 200, C 100 = 400; now 160 + 150 + 0 = 310; D (new) is left out
    assert rt.nrr_by_segment(_world()) == pytest.approx({"smb": 310 / 400})


def test_grr_caps_each_customer_at_its_arr_a_year_ago_so_it_only_loses():
    # A capped at 100, B 150, C 0
    assert rt.grr_by_segment(_world()) == pytest.approx({"smb": 250 / 400})


def test_arr_at_a_date_is_the_last_event_on_or_before_it():
    assert rt.arr_at(_world().subscription_events, DAY("2026-01-10")).to_dict() == {"A": 160, "B": 200, "C": 100}


def test_a_cohort_keeps_its_churned_customers_at_zero():
    assert rt.cohort_nrr(_world().subscriptions) == pytest.approx({"2025Q1": 310 / 300, "2025Q2": 0.0, "2026Q1": 1.0})


def test_an_empty_group_has_no_churn_rate_and_its_nan_is_not_a_mistake():
    from crosstrain.notebook.exercises.retention.kinds import GroupRates

    kind = GroupRates(lambda w: ["none"], of="signal", measure="churn rate", share=True)
    assert kind.sanity({"none": 0.1, "discount_heavy": float("nan")}, None) is None
    assert kind.score({"none": 0.1, "discount_heavy": float("nan")}, {"none": 0.1}) == 1.0
    assert kind.sanity({"none": float("nan")}, None) is not None  # a filled group's NaN is still wrong


def test_churn_by_signal_is_the_churned_share_of_each_group():
    subs = pd.DataFrame({"status": ["churned", "active", "churned", "active", "active"],
                         "discount_pct": [25.0, 20.0, 0.0, 0.0, 5.0],
                         "has_economic_buyer": [True, True, False, True, True],
                         "has_champion": [True, True, True, False, True]})
    assert rt.churn_by_signal(subs) == pytest.approx({"discount_heavy": 0.5, "no_economic_buyer": 1.0,
                                                      "no_champion": 0.0, "none": 0.0})


def test_objections_count_each_lost_deal_once_per_category():
    notes = pd.DataFrame({"opportunity_id": ["O1", "O1", "O1", "O2", "O3"],
                          "objection_category": ["price", "price", "timing", "price", None]})
    assert rt.objections_of(notes, pd.DataFrame({"opportunity_id": ["O1", "O2", "O3"]})) == {"price": 2, "timing": 1}
    assert rt.objections_of(notes, pd.DataFrame({"opportunity_id": ["O1"]}), once_a_deal=False) == {"price": 2, "timing": 1}


@pytest.mark.kernel
def test_the_solution_notebook_runs_in_ten_seconds(tmp_path):
    check_solution_notebook(MODULE, tmp_path, plots=1)
