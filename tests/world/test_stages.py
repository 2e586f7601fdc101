"""The deal process: stages mean something, close dates move both ways, headcount follows the
territory plan and pipeline and attainment land where real teams' do (issue 11's defects)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crosstrain.course.claims import calibration, pipeline
from crosstrain.world.staffing import seats


def test_an_open_deals_stage_is_where_it_got_to_not_elapsed_time(default_world):
    """Once, stage = share of the planned cycle elapsed: every stage then held deals that were
    equally likely to win. Now later stages hold deals that got further, and win more."""
    rates = pipeline.stage_win_rates(default_world)
    assert (np.diff(rates.to_numpy()) > 0).all(), rates
    assert rates["negotiation_review"] > 2.5 * rates["prospecting"]


def test_configured_and_empirical_stage_probabilities_differ_as_a_lesson_teaches(default_world):
    rates = pipeline.stage_win_rates(default_world)
    assert rates["prospecting"] > 0.15  # configured 10
    assert rates["negotiation_review"] < 0.9  # configured 90


def test_losses_concentrate_in_early_stages(default_world):
    exits = pipeline._exit_stages(default_world).value_counts(normalize=True).reindex(pipeline.OPEN_STAGES, fill_value=0)
    assert exits.iloc[:3].sum() > 0.5
    assert exits.iloc[0] > 3 * exits.iloc[-1]


def test_close_dates_are_pulled_in_as_well_as_slipped(default_world):
    history = default_world.opportunity_history.sort_values(["opportunity_id", "changed_at"], kind="stable")
    open_rows = history[~history["stage"].isin(["closed_won", "closed_lost"])]
    change = open_rows["close_date"] - open_rows.groupby("opportunity_id")["close_date"].shift()
    assert (change > pd.Timedelta(0)).sum() > 0
    assert (change < pd.Timedelta(0)).sum() > 0.05 * len(default_world.opportunities)


def test_meddpicc_completeness_grows_with_an_open_deals_progress(default_world):
    assert pipeline._open_completeness_lift(default_world) > 1.5


def test_pipeline_covers_the_remaining_quota_three_to_four_times(default_world):
    assert 3 <= calibration._coverage(default_world) <= 4


def test_attainment_lands_where_real_teams_land_not_at_own_bookings_extremes(default_world):
    """World v1 set quotas from each AE's own bookings: one AE at 1,796%, four at 0%. Then,
    with about two wins a quarter per AE (24 AEs) and campaigns at random dates, only about a
    third of ramped AEs landed within 40-150% of quota (claims people.ramped_* hold it on 20 seeds)."""
    attainment = calibration.ramped_attainment(default_world)
    assert len(attainment) >= 20
    assert attainment.max() < 5.0  # a whale deal may put one rep near 400%, never 1,796%
    assert attainment.between(0.4, 1.5).mean() >= 0.5
    assert 0.4 <= (attainment >= 1).mean() <= 0.65


def test_ae_headcount_follows_workload_not_an_even_split(default_world):
    aes = default_world.users[(default_world.users["role"] == "ae") & default_world.users["is_active"]]
    count = aes["segment"].value_counts()
    assert count["smb"] > count["mid_market"] > count["enterprise"]
    assert np.bincount(seats(24, [2.0, 1.0, 1.0], [1.0, 1.0, 1.0])).tolist() == [12, 6, 6]
    assert np.bincount(seats(7, [1.0, 1.0, 1.0], [1.0, 1.0, 1.0])).sum() == 7


def test_discount_first_replies_give_money_away(default_world):
    from crosstrain.course.claims import objections

    assert objections._discount_split(default_world, "revenue", "ratio") < 0.99
