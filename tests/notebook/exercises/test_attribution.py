"""Module 07's exercises: every attribution model, the sourced/influenced split and the
unit economics match the domain brief on a hand-made CRM, each model's credit sums to the
won revenue of the attributed deals on several worlds, the reference answers score 1, and
each known-wrong answer loses points with a message that keeps the answer secret."""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from module_proof import ModuleProof

from crosstrain.course.sources import source_path
from crosstrain.notebook.answers.by_label import Parts
from crosstrain.notebook.answers.credit import Credit
from crosstrain.notebook.capture import as_plain
from crosstrain.notebook.exercises.attribution import formulas as a
from crosstrain.notebook.exercises.attribution.formulas import won_path_revenue
from crosstrain.notebook.exercises.measuring.formulas import GROSS_MARGIN
from crosstrain.paths import MODULES_DIR

MODULE = "07-attribution"
TOUCH_MODELS = [m for m in a.MODELS if m != "primary_campaign"]


def _setup(world) -> dict:
    """What the notebook's setup and lesson cells define."""
    path = a.touch_path(world)
    return {"pd": pd, "np": np, "camps": world.campaigns, "leads": world.leads, "deals": world.opportunities,
            "touches": world.touchpoints, "path": path, "w_share": a.shares(path, "w_shaped"),
            "GROSS_MARGIN": GROSS_MARGIN, "HALF_LIFE_DAYS": a.HALF_LIFE_DAYS, "ANNUAL_CHURN": a.ANNUAL_CHURN,
            "COST_PER_HEAD": a.COST_PER_HEAD, "ACQUISITION_ROLES": a.ACQUISITION_ROLES,
            "HISTORY_YEARS": a.HISTORY_YEARS}


PROOF = ModuleProof(MODULE, _setup)
globals().update(PROOF.tests())


# -- a hand-made CRM -------------------------------------------------------------------------

D = pd.Timestamp
TOUCHES = pd.DataFrame([
    # O1: inbound (email), lead created 01-10, deal created 02-01, won 03-01 for 1000
    ("T1", "L1", D("2026-01-01"), "display", "M1"),   # first (anonymous visit)
    ("T2", "L1", D("2026-01-10"), "email", "M2"),     # lead creation
    ("T3", "L1", D("2026-01-20"), "content", None),
    ("T4", "L1", D("2026-01-25"), "webinar", "M3"),   # opportunity creation (last before 02-01)
    ("T5", "L1", D("2026-02-15"), "direct", None),    # last before the close
    ("T6", "L1", D("2026-03-05"), "email", "M2"),     # after the close: never counts
    # O2: outbound, lead created 01-15, deal created 01-20, won 02-20 for 600
    ("T7", "L2", D("2026-01-18"), "email", "M2"),     # first and opportunity creation
    ("T8", "L2", D("2026-02-10"), "direct", None),    # last
    # O3: inbound (paid_search), one touch, won for 300
    ("T9", "L3", D("2026-02-01"), "paid_search", "M4"),
    # O4: lost, 5000
    ("T10", "L4", D("2026-01-05"), "display", "M1"),
], columns=["touchpoint_id", "lead_id", "occurred_at", "channel", "campaign_id"]).assign(event_type="x")
LEADS = pd.DataFrame({
    "lead_id": ["L1", "L2", "L3", "L4", "L5"],
    "created_at": [D("2026-01-10"), D("2026-01-15"), D("2026-02-01"), D("2026-01-05"), D("2026-01-01")],
    "source_channel": ["email", "outbound", "paid_search", "display", "outbound"],
})
DEALS = pd.DataFrame({  # O6: a CSM's expansion of customer A1 (no lead, no campaign): never counted here
    "opportunity_id": ["O1", "O2", "O3", "O4", "O5", "O6"],
    "type": ["new_business"] * 5 + ["expansion"],
    "lead_id": ["L1", "L2", "L3", "L4", "L5", None],
    "account_id": ["A1", "A2", "A1", "A4", "A3", "A1"],
    "campaign_id": ["M2", None, "M4", "M1", None, None],
    "amount": [1000.0, 600.0, 300.0, 5000.0, 200.0, 9000.0],
    "created_at": [D("2026-02-01"), D("2026-01-20"), D("2026-02-05"), D("2026-01-10"), D("2026-01-03"), D("2026-02-01")],
    "close_date": [D("2026-03-01"), D("2026-02-20"), D("2026-02-08"), D("2026-02-01"), D("2026-02-01"), D("2026-03-01")],
    "is_closed": [True] * 6,
    "is_won": [True, True, True, False, True, True],
})
CAMPAIGNS = pd.DataFrame({
    "campaign_id": ["M1", "M2", "M3", "M4"], "channel": ["display", "email", "webinar", "paid_search"],
    "actual_cost": [100.0, 200.0, 400.0, 50.0], "budget": [1.0, 1.0, 1.0, 1.0],
})
USERS = pd.DataFrame({"user_id": ["U1", "U2", "U3", "U4", "U5", "U6"], "role": ["ae", "ae", "sdr", "marketing", "manager", "csm"]})
HAND = SimpleNamespace(touchpoints=TOUCHES, leads=LEADS, opportunities=DEALS, campaigns=CAMPAIGNS, users=USERS)
ATTRIBUTED = 1000 + 600 + 300  # O4 was lost; O5 won but has no touch


def _credit(model: str) -> dict:
    return a.revenue_by_channel(HAND, model)[lambda s: s.abs() > 1e-9].to_dict()


def test_the_window_keeps_won_deals_touches_up_to_the_close():
    path = a.touch_path(HAND)
    assert sorted(path.touchpoint_id) == ["T1", "T2", "T3", "T4", "T5", "T7", "T8", "T9"]  # not T6 (after close), not T10 (lost)
    assert set(path.opportunity_id) == {"O1", "O2", "O3"}  # O5 has no touch: not attributed


def test_roles():
    path = a.touch_path(HAND)
    flags = a.role_flags(path).set_index(path.touchpoint_id)
    assert list(flags.index[flags["first"]]) == ["T1", "T7", "T9"]
    assert list(flags.index[flags["last"]]) == ["T5", "T8", "T9"]
    assert list(flags.index[flags["lead_creation"]]) == ["T2", "T9"]  # the outbound O2 has none; not the first touch T1
    assert list(flags.index[flags["opportunity_creation"]]) == ["T4", "T7", "T9"]  # last at or before the deal's creation


def test_single_touch_and_linear_models():
    assert _credit("first_touch") == pytest.approx({"display": 1000, "email": 600, "paid_search": 300})
    assert _credit("last_touch") == pytest.approx({"direct": 1600, "paid_search": 300})
    assert _credit("linear") == pytest.approx({"display": 200, "email": 200 + 300, "content": 200, "webinar": 200,
                                               "direct": 200 + 300, "paid_search": 300})


def test_u_shaped_is_40_40_20_rescaled_for_outbound_and_one_touch_deals():
    # O1: first 40%, lead creation 40%, three others 20% / 3; O2 (outbound, no lead-creation
    # touch): 0.4 and 0.2 rescaled to 2/3 and 1/3; O3 (one touch): 100%
    assert _credit("u_shaped") == pytest.approx({"display": 400, "email": 400 + 400, "content": 200 / 3, "webinar": 200 / 3,
                                                 "direct": 200 / 3 + 200, "paid_search": 300})


def test_w_shaped_is_30_30_30_10_rescaled():
    # O1: first, lead creation, opportunity creation 30% each, T3 and T5 5% each;
    # O2: T7 is first and opportunity creation (0.6), T8 the rest (0.1): 6/7 and 1/7
    assert _credit("w_shaped") == pytest.approx({"display": 300, "email": 300 + 600 * 6 / 7, "webinar": 300, "content": 50,
                                                 "direct": 50 + 600 / 7, "paid_search": 300})


def test_time_decay_halves_every_seven_days_before_the_close():
    days_o1 = {"display": 59, "email": 50, "content": 40, "webinar": 35, "direct": 14}  # to 03-01
    w1 = {k: 2 ** (-d / 7) for k, d in days_o1.items()}
    w2 = {"email": 2 ** (-33 / 7), "direct": 2 ** (-10 / 7)}  # to 02-20
    expected = {k: 1000 * v / sum(w1.values()) for k, v in w1.items()}
    for k, v in w2.items():
        expected[k] = expected.get(k, 0) + 600 * v / sum(w2.values())
    expected["paid_search"] = 300
    assert _credit("time_decay") == pytest.approx(expected)
    assert _credit("time_decay")["direct"] > _credit("linear")["direct"]  # the late touch gains


@pytest.mark.parametrize("model", TOUCH_MODELS)
def test_every_model_shares_out_exactly_the_attributed_won_revenue(model):
    path = a.touch_path(HAND)
    share = a.shares(path, model)
    assert share.groupby(path.opportunity_id).sum().tolist() == pytest.approx([1, 1, 1])
    assert sum(_credit(model).values()) == pytest.approx(ATTRIBUTED)


def test_primary_campaign_source_is_the_baseline():
    assert _credit("primary_campaign") == pytest.approx({"email": 1000, "paid_search": 300})  # won only; outbound gets nothing


def test_sourced_and_influenced_pipeline():
    got = a.sourced_and_influenced(HAND)
    assert got["sourced"] == pytest.approx(1000 + 300 + 5000)  # every non-outbound deal, the lost O4 too
    assert got["influenced"] == pytest.approx(1000 + 600 + 300 + 5000)  # a touch at or before creation; O5 has none
    # the expansion O6 has no lead, so its source is missing, not outbound: without the
    # new-business filter it would pass for marketing-sourced
    assert a.sourced_and_influenced(HAND, deals=DEALS)["sourced"] == pytest.approx(1000 + 300 + 5000 + 9000)


def test_unit_economics_formulas():
    got = a.unit_economics(HAND, churn=0.25, margin=0.5, cost_per_head=1000.0, years=1.0)
    # people: 2 AEs, an SDR, a marketer and a manager x 1000 (not the CSM); campaigns 750;
    # new customers: accounts A1, A2, A3
    cac = (5000 + 750) / 3
    arpa = (1000 + 600 + 300 + 200) / 3
    assert got["cac"] == pytest.approx(cac)
    assert got["ltv"] == pytest.approx(arpa * 0.5 / 0.25)
    assert got["ltv_to_cac"] == pytest.approx(arpa * 0.5 / 0.25 / cac)
    assert got["payback_months"] == pytest.approx(cac / (arpa / 12 * 0.5))
    with_expansions = a.unit_economics(HAND, churn=0.25, margin=0.5, cost_per_head=1000.0, years=1.0, deals=DEALS)
    assert with_expansions["ltv"] == pytest.approx((arpa + 9000 / 3) * 0.5 / 0.25)  # same customers, more revenue
    reps_only = a.unit_economics(HAND, churn=0.25, margin=0.5, cost_per_head=1000.0, years=1.0, roles=a.REPS)
    assert reps_only["cac"] == pytest.approx((3000 + 750) / 3)


def test_campaign_roi_on_w_shaped_credit():
    roi = a.campaign_roi(HAND, margin=0.8)
    revenue = {"M1": 300, "M2": 300 + 600 * 6 / 7, "M3": 300, "M4": 300}  # T3, T5, T8 have no campaign
    cost = CAMPAIGNS.set_index("campaign_id").actual_cost
    assert roi.to_dict() == pytest.approx({k: (revenue[k] * 0.8 - cost[k]) / cost[k] for k in revenue})


# -- the answer kind -----------------------------------------------------------------------

def test_credit_kind_fills_missing_channels_with_zero_and_gives_partial_credit():
    kind = Credit()
    expected = {"a": 100.0, "b": 50.0, "c": 0.0}
    assert kind.score(as_plain(pd.Series({"a": 100.0, "b": 50.0})), expected) == 1
    assert kind.score({"a": 100.0, "b": 50.0, "c": 0.0, "d": 0.0}, expected) == 1
    assert kind.score({"a": 100.0, "b": 40.0}, expected) == 0.5
    assert kind.score({"a": 100.0, "b": 50.0, "d": 10.0}, expected) == pytest.approx(2 / 3)  # extra credit costs
    assert kind.score([100.0, 50.0], expected) == 0
    assert "Series" in kind.sanity([1.0], None)
    assert "finite" in kind.sanity({"a": float("nan")}, None)
    assert "negative" in kind.sanity({"a": -5.0}, None)
    assert kind.sanity({"a": 1.0}, None) is None


def test_a_dict_of_series_travels_to_the_grader():
    answer = {"last_touch": pd.Series({"email": 1.5}), "linear": {"email": 1.5}}
    plain = as_plain(answer)
    assert Parts((("last_touch", Credit()), ("linear", Credit()))).score(plain, {"last_touch": {"email": 1.5}, "linear": {"email": 1.5}}) == 1


# -- the exercises on real worlds --------------------------------------------------------------

@pytest.mark.parametrize("model", TOUCH_MODELS)
def test_credit_sums_to_the_won_revenue_of_the_attributed_deals(model, default_world, other_seed_world):
    for world in (default_world, other_seed_world):
        path = a.touch_path(world)
        assert (path.occurred_at <= path.close_date).all()
        assert world.opportunities.set_index("opportunity_id").is_won[path.opportunity_id.unique()].all()
        assert a.revenue_by_channel(world, model, path).sum() == pytest.approx(won_path_revenue(path), rel=1e-9)


def test_attribution_is_fast_on_the_default_world(default_world):
    a.touch_path(default_world)  # load the tables once
    started = time.perf_counter()
    path = a.touch_path(default_world)
    for model in TOUCH_MODELS:
        a.revenue_by_channel(default_world, model, path)
    assert time.perf_counter() - started < 3.0


def test_the_notebook_states_the_assumptions_the_grader_makes():
    source = source_path(MODULES_DIR, MODULE).read_text(encoding="utf-8")
    assert f"${a.COST_PER_HEAD:,.0f}" in source
    assert all(f"`{role}`" in source for role in a.ACQUISITION_ROLES) and "CSM" in source
    assert f"{a.ANNUAL_CHURN:.0%}" in source and f"{GROSS_MARGIN:.0%}" in source
    assert f"| {a.HISTORY_YEARS:g} |" in source
    assert "40%" in source and "30%" in source and "2^(-days before the close / 7)" in source


def test_time_decay_on_whole_days_is_a_named_mistake(default_world):
    code = next(w.code for w in PROOF.wrong if w.exercise == "q5" and w.mistake == "whole_days")
    answer = PROOF.answer(default_world, "q5", code)
    exercise = PROOF.exercises["q5"]
    assert exercise.score(answer, default_world) <= 0.5
    assert "decimal days" in exercise.check(answer, default_world).message
