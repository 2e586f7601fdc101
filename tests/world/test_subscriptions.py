"""Customers after the close: every rule of subscriptions, their events, expansion deals and the
retention definition, on the generated worlds and on small hand-made ones."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crosstrain.course.retention import retention
from crosstrain.world.checks import problems
from crosstrain.world.load import World
from crosstrain.world.subscriptions import CHURN_REASONS, _risks, add_months


@pytest.fixture(scope="module")
def subs(default_world):
    return default_world.subscriptions


@pytest.fixture(scope="module")
def events(default_world):
    return default_world.subscription_events


def test_each_won_new_business_deal_starts_one_subscription_at_its_amount(default_world, subs):
    deals = default_world.opportunities
    won = deals[deals["is_won"] & (deals["type"] == "new_business")].set_index("opportunity_id")
    assert sorted(subs["opportunity_id"]) == sorted(won.index)
    sale = won.loc[subs["opportunity_id"]]
    assert (subs["arr_start"].to_numpy() == sale["amount"].to_numpy()).all()
    assert (subs["start_date"].to_numpy() == sale["close_date"].to_numpy()).all()
    assert (subs["account_id"].to_numpy() == sale["account_id"].to_numpy()).all()
    assert (subs["segment"].to_numpy() == sale["segment"].to_numpy()).all()


def test_a_subscriptions_events_sum_to_its_arr(subs, events):
    total = events.groupby("subscription_id")["arr_change"].sum().reindex(subs["subscription_id"])
    assert np.allclose(total.to_numpy(), subs["arr"].to_numpy(), atol=0.01)
    assert np.allclose(events["arr_after"] - events["arr_before"], events["arr_change"], atol=0.005)
    first = events.sort_values(["subscription_id", "occurred_at"], kind="stable").groupby("subscription_id").first()
    assert (first["type"] == "new").all() and (first["arr_before"] == 0).all()
    assert (events["type"] == "new").sum() == len(subs)


def test_no_event_after_the_reference_date(default_world, subs, events):
    today = default_world.reference_date
    assert (events["occurred_at"] <= today).all()
    active = subs[subs["status"] == "active"]
    assert (active["renewal_date"] >= today).all()  # a term ending today is not decided yet
    assert (subs["start_date"] <= today).all()


def test_churned_has_reason_date_and_no_arr(subs, events):
    churned = subs[subs["status"] == "churned"]
    assert len(churned) > 0
    assert churned["churn_reason"].isin(CHURN_REASONS).all()
    assert (churned["arr"] == 0).all() and (churned["renewal_date"] == churned["churned_at"]).all()
    active = subs[subs["status"] == "active"]
    assert active["churn_reason"].isna().all() and active["churned_at"].isna().all() and (active["arr"] > 0).all()
    last = events.sort_values(["subscription_id", "occurred_at"], kind="stable").groupby("subscription_id").last()
    assert (last.loc[churned["subscription_id"], "type"] == "churn").all()
    churn = events[events["type"] == "churn"].set_index("subscription_id")
    assert (churn.loc[churned["subscription_id"], "reason"].to_numpy() == churned["churn_reason"].to_numpy()).all()


def test_term_ends_fall_on_anniversaries_of_the_term(subs, events):
    ends = events[events["type"].isin(["renewal", "contraction", "churn"])].merge(subs, on="subscription_id")
    months = (ends["occurred_at"].dt.year - ends["start_date"].dt.year) * 12 + ends["occurred_at"].dt.month - ends["start_date"].dt.month
    assert (months % ends["term_months"] == 0).all() and (months > 0).all()
    assert (ends.loc[ends["type"] == "renewal", "arr_change"] == 0).all()
    assert (ends.loc[ends["type"] == "contraction", "arr_change"] < 0).all()
    multi_year = (subs["term_months"] > 12).groupby(subs["segment"]).mean()
    assert multi_year["enterprise"] > multi_year["smb"]
    assert set(subs["term_months"]) <= {12, 24, 36}


def test_csms_own_customers_and_expansion_deals(default_world, subs):
    role = default_world.users.set_index("user_id")["role"]
    assert (subs["csm_id"].map(role) == "csm").all()
    deals = default_world.opportunities
    grow = deals[deals["type"] == "expansion"]
    assert len(grow) > 0 and set(deals["type"]) == {"new_business", "expansion"}
    assert (grow["owner_id"].map(role) == "csm").all()
    assert grow["lead_id"].isna().all() and grow["campaign_id"].isna().all() and grow["is_closed"].all()
    assert deals.loc[deals["type"] == "new_business", "lead_id"].notna().all()
    assert (deals.loc[deals["type"] == "new_business", "owner_id"].map(role) == "ae").all()


def test_each_expansion_is_a_won_expansion_deal_of_the_same_account(default_world, events):
    deals = default_world.opportunities.set_index("opportunity_id")
    grown = events[events["type"] == "expansion"]
    assert grown["opportunity_id"].notna().all() and grown["opportunity_id"].is_unique
    assert events.loc[events["type"] != "expansion", "opportunity_id"].isna().all()
    deal = deals.loc[grown["opportunity_id"]]
    assert (deal["type"] == "expansion").all() and deal["is_won"].all()
    assert np.allclose(deal["amount"].to_numpy(), grown["arr_change"].to_numpy(), atol=0.01)
    assert (deal["account_id"].to_numpy() == grown["account_id"].to_numpy()).all()
    assert (deal["close_date"].to_numpy() == grown["occurred_at"].to_numpy()).all()
    won_expansions = deals[(deals["type"] == "expansion") & deals["is_won"]]
    assert sorted(won_expansions.index) == sorted(grown["opportunity_id"])
    lost = deals[(deals["type"] == "expansion") & ~deals["is_won"]]
    assert len(lost) > 0 and lost["loss_reason"].notna().all()


def test_the_checks_catch_a_broken_subscription(tiny_world):
    subs, events = tiny_world.subscriptions.copy(), tiny_world.subscription_events.copy()
    subs.loc[subs.index[0], "arr"] += 100.0
    subs.loc[subs.index[1], ["status", "churn_reason"]] = ["churned", None]
    events.loc[events.index[:2], "occurred_at"] = tiny_world.reference_date + pd.Timedelta(days=3)
    found = problems(World.in_memory(tiny_world.info, {**tiny_world.tables, "subscriptions": subs, "subscription_events": events}))
    assert "subscriptions: arr differs from the sum of its events' arr_change: 1 row(s)" in found
    assert "subscription_events: occurred_at after the reference date: 2 row(s)" in found
    assert "subscriptions: churned without a churn_reason or churned_at: 1 row(s)" in found


def test_the_sale_moves_churn_and_expansion_risk_around_the_segment_rate():
    """A heavy discount or no economic buyer raises the churn chance, a champion the expansion
    rate; the segment's average stays the recipe's rate."""
    r = {"heavy_discount_churn_logit": 2.0, "no_economic_buyer_churn_logit": 2.0, "champion_expansion_log": 0.7,
         "churn_rate": [0.2, 0.1, 0.1], "contraction_rate": [0.15, 0.2, 0.3], "expansion_rate": [0.5, 0.6, 1.0]}
    rng = np.random.default_rng(0)
    n = 4000
    segment = np.zeros(n, dtype=np.int64)
    sale = {"heavy": rng.random(n) < 0.25, "no_eb": rng.random(n) < 0.2, "champion": rng.random(n) < 0.6}
    churn, contract, expand = _risks(r, segment, sale)
    assert churn.mean() == pytest.approx(0.2, abs=1e-3) and contract.mean() == pytest.approx(0.15, abs=1e-3)
    assert expand.mean() == pytest.approx(0.5, abs=1e-9)
    clean = ~sale["heavy"] & ~sale["no_eb"]
    assert churn[sale["heavy"] & ~sale["no_eb"]].mean() > 3 * churn[clean].mean()
    assert churn[sale["no_eb"] & ~sale["heavy"]].mean() > 3 * churn[clean].mean()
    assert expand[sale["champion"]].mean() > 1.8 * expand[~sale["champion"]].mean()


def test_add_months_keeps_the_day():
    day = np.array([np.datetime64("2025-01-31"), np.datetime64("2024-02-29")]).astype("datetime64[s]").astype(np.int64)
    out = add_months(day, 12).astype("datetime64[s]").astype("datetime64[D]")
    assert out.tolist() == [np.datetime64("2026-01-31").item(), np.datetime64("2025-03-01").item()]


def _world(info, subs: list[tuple], events: list[tuple]) -> World:
    frames = {"subscriptions": pd.DataFrame(subs, columns=["subscription_id", "segment"]),
              "subscription_events": pd.DataFrame(events, columns=["subscription_id", "occurred_at", "arr_after"])}
    for frame in frames.values():
        if "occurred_at" in frame:
            frame["occurred_at"] = pd.to_datetime(frame["occurred_at"])
    return World.in_memory({**info, "reference_date": "2026-11-13"}, frames)


def test_nrr_and_grr_follow_the_trailing_cohort_definition(tiny_world):
    """S1 expands 100 -> 150; S2 contracts 100 -> 80 then expands to 120 (GRR keeps 100); S3 churns
    (100 -> 0); S4 starts inside the window (not in the cohort); S5 churned before it."""
    world = _world(tiny_world.info, [("S1", "smb"), ("S2", "smb"), ("S3", "smb"), ("S4", "smb"), ("S5", "smb")], [
        ("S1", "2025-01-10", 100.0), ("S1", "2026-03-01", 150.0),
        ("S2", "2025-06-01", 100.0), ("S2", "2026-06-01", 80.0), ("S2", "2026-09-01", 120.0),
        ("S3", "2025-02-01", 90.0), ("S3", "2025-10-01", 100.0), ("S3", "2026-02-01", 0.0),
        ("S4", "2026-01-05", 500.0),
        ("S5", "2024-03-01", 70.0), ("S5", "2025-03-01", 0.0)])
    got = retention(world).loc["smb"]
    assert got["customers"] == 3 and got["start_arr"] == 300.0
    assert got["nrr"] == pytest.approx(270 / 300) and got["grr"] == pytest.approx(200 / 300)
    assert retention(world, by=None).loc["all", "nrr"] == pytest.approx(0.9)
