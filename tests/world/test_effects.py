"""The teachable structure of the default world: each effect in the datasheet is recoverable.

These tests compute what a lesson computes and check the direction and rough size of
each effect against the ranges in datasets/DATASHEET.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

BUCKETS = [-np.inf, 5 / 60, 0.5, 1, 24, np.inf]
LABELS = ["<5 min", "5-30 min", "30-60 min", "1-24 h", ">24 h"]


@pytest.fixture(scope="module")
def mqls(default_world):
    leads = default_world.leads
    mqls = leads[leads["mql_at"].notna()].copy()
    hours = (mqls["first_response_at"] - mqls["mql_at"]).dt.total_seconds() / 3600
    mqls["bucket"] = pd.cut(hours, BUCKETS, labels=LABELS).astype("str").where(hours.notna(), "never")
    return mqls


@pytest.fixture(scope="module")
def closed(default_world):
    """Closed new-business deals: the win model's (expansions are the CSMs', tests/world/test_subscriptions.py)."""
    deals = default_world.opportunities
    return deals[deals["is_closed"] & (deals["type"] == "new_business")]


def test_speed_to_lead_falls_steeply(mqls):
    rate = mqls.groupby("bucket")["sql_at"].apply(lambda s: s.notna().mean())
    # A cliff within the first half hour (MIT), then a slow fade over the day (HBR).
    assert rate["<5 min"] > 3 * rate["5-30 min"], rate
    assert min(rate["5-30 min"], rate["1-24 h"]) > rate[">24 h"], rate
    assert rate["<5 min"] > 5 * rate["1-24 h"]
    assert rate["never"] == 0


def test_a_share_of_mqls_is_never_answered(mqls):
    assert 0.08 < mqls["first_response_at"].isna().mean() < 0.2


def test_funnel_rates_sit_in_benchmark_ranges(default_world, mqls):
    leads = default_world.leads
    inbound = leads[leads["source_channel"] != "outbound"]
    assert 0.15 <= inbound["mql_at"].notna().mean() <= 0.30
    assert 0.40 <= mqls["sal_at"].notna().mean() <= 0.80
    sal = mqls[mqls["sal_at"].notna()]
    assert 0.35 <= sal["sql_at"].notna().mean() <= 0.70
    sql = leads[leads["sql_at"].notna()]
    assert 0.50 <= sql["opportunity_id"].notna().mean() <= 0.85


def test_channels_differ_in_conversion_and_cost(default_world):
    leads, campaigns = default_world.leads, default_world.campaigns
    to_opp = leads.groupby("source_channel")["opportunity_id"].apply(lambda s: s.notna().mean())
    assert min(to_opp["referral"], to_opp["webinar"]) > max(to_opp["display"], to_opp["paid_social"])
    cost = campaigns.groupby("channel")["actual_cost"].sum()
    count = leads.groupby("source_channel").size()
    cpl = (cost / count.reindex(cost.index))
    assert cpl["email"] < cpl["paid_search"] < cpl["event"]
    paid = campaigns[campaigns["channel"].isin(["paid_search", "display"])]
    ctr = (paid["clicks"] / paid["impressions"]).groupby(paid["channel"]).mean()
    assert 0.05 < ctr["paid_search"] < 0.08 and ctr["display"] < 0.01


def test_fit_and_engagement_both_predict_conversion(default_world):
    leads = default_world.leads
    converted = leads["opportunity_id"].notna()
    for score in ("fit_score", "engagement_score"):
        quartile = pd.qcut(leads[score].rank(method="first"), 4, labels=False)
        rate = converted.groupby(quartile).mean()
        assert rate.iloc[-1] > 2 * rate.iloc[0], (score, rate)


def test_engagement_comes_from_touchpoints(default_world):
    """Engagement is the points of a lead's touches before its opportunity (the deal's touches do not count)."""
    points = dict(zip(default_world.info["recipe"]["funnel"]["event_types"], default_world.info["recipe"]["funnel"]["event_points"]))
    touches = default_world.touchpoints
    from_leads = default_world.opportunities.dropna(subset=["lead_id"])  # expansions have no lead
    converted = touches["lead_id"].map(from_leads.set_index("lead_id")["created_at"])
    touches = touches[converted.isna() | (touches["occurred_at"] < converted)]
    total = touches["event_type"].map(points).groupby(touches["lead_id"]).sum().clip(upper=100)
    leads = default_world.leads.set_index("lead_id")
    assert (total.reindex(leads.index, fill_value=0) == leads["engagement_score"]).all()


def test_segments_differ_in_win_rate_size_and_cycle(closed):
    win = closed.groupby("segment")["is_won"].mean()
    assert win["smb"] > win["mid_market"] > win["enterprise"]
    assert 0.25 <= win["smb"] <= 0.40 and 0.10 <= win["enterprise"] <= 0.20
    won = closed[closed["is_won"]]
    size = won.groupby("segment")["amount"].median()
    assert 8_000 < size["smb"] < 16_000 and 55_000 < size["enterprise"] < 100_000
    cycle = (won["close_date"] - won["created_at"]).dt.days.groupby(won["segment"]).median()
    assert cycle["smb"] < cycle["mid_market"] < cycle["enterprise"]
    assert 30 <= cycle["smb"] <= 60 and 90 <= cycle["enterprise"] <= 150


def test_about_half_of_wins_close_in_a_quarters_last_month(closed):
    won = closed[closed["is_won"]]
    assert 0.4 <= (won["close_date"].dt.month % 3 == 0).mean() <= 0.65


def test_meddpicc_completeness_and_the_economic_buyer(closed):
    flags = [c for c in closed.columns if c.startswith("has_")]
    complete = closed[flags].sum(axis=1)
    assert closed.loc[complete >= 6, "is_won"].mean() > 2 * closed.loc[complete <= 2, "is_won"].mean()
    assert closed.loc[~closed["has_economic_buyer"], "is_won"].mean() < 0.10


def test_deals_that_slip_repeatedly_win_less(default_world, closed):
    history = default_world.opportunity_history.sort_values(["opportunity_id", "changed_at"])
    slips = history.groupby("opportunity_id")["close_date"].apply(lambda s: int((s.diff() > pd.Timedelta(0)).sum()))
    slipped = slips.reindex(closed["opportunity_id"]).to_numpy()
    assert closed["is_won"][slipped >= 2].mean() < closed["is_won"][slipped == 0].mean()
    assert (slipped >= 2).mean() > 0.08


def test_objections_laer_and_discounts(default_world, closed):
    notes = default_world.call_notes
    objections = notes[notes["objection_category"].notna()]
    share = objections["objection_category"].value_counts(normalize=True)
    assert share.index[0] == "price" and share.iloc[0] > 2 * share.iloc[-1]
    assert (objections["laer_steps"].str.contains("explore") == (objections["response_quality"] == "strong")).all()
    by_deal = objections.merge(closed[["opportunity_id", "is_won", "amount"]], on="opportunity_id")
    win = by_deal.groupby("response_quality")["is_won"].mean()
    assert win["strong"] > win["weak"]
    discount_first = by_deal["text"].str.contains("% off")
    assert by_deal.loc[discount_first, "is_won"].mean() > by_deal.loc[~discount_first, "is_won"].mean() - 0.02
    assert by_deal.loc[discount_first, "amount"].median() < by_deal.loc[~discount_first, "amount"].median()


def test_names_do_not_repeat_absurdly(default_world):
    contacts = default_world.contacts
    full = contacts["first_name"] + " " + contacts["last_name"]
    assert full.nunique() > 0.9 * len(full)
    assert default_world.accounts["name"].is_unique
