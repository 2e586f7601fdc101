"""The forecast widget: its view is module 06's graded formulas (roll-up, coverage, 1 / win
rate), dropping slipped deals shrinks the pipeline, and the controls redraw without a browser."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from crosstrain.notebook.exercises import exercises_of  # noqa: E402
from crosstrain.notebook.widgets.forecast import (  # noqa: E402
    SEGMENTS,
    forecast_explorer,
    forecast_view,
    plot_view,
)
from crosstrain.world.schema import new_business  # noqa: E402

REF = pd.Timestamp("2026-10-01")


def _day(n):
    return REF + pd.Timedelta(days=n)


DEALS = pd.DataFrame({
    "opportunity_id": ["O1", "O2", "O3", "O4", "O5"],
    "segment": ["smb", "smb", "smb", "smb", "enterprise"],
    "stage": ["negotiation_review", "value_proposition", "closed_won", "closed_lost", "negotiation_review"],
    "forecast_category": ["commit", "best_case", "closed", "omitted", "commit"],
    "amount": [10_000.0, 20_000.0, 5_000.0, 15_000.0, 90_000.0],
    "is_closed": [False, False, True, True, False],
    "is_won": [False, False, True, False, False],
    "created_at": [_day(-60)] * 5,
    "close_date": [_day(20), _day(40), _day(-30), _day(-40), _day(10)],
})
HISTORY = pd.DataFrame({  # O2 slipped twice
    "opportunity_id": ["O1", "O2", "O2", "O2", "O5"],
    "changed_at": [_day(-60), _day(-60), _day(-30), _day(-5), _day(-60)],
    "close_date": [_day(20), _day(0), _day(20), _day(40), _day(10)],
})
USERS = pd.DataFrame({"user_id": ["U1", "U2", "U3"], "role": ["ae", "ae", "sdr"], "segment": ["smb", "enterprise", "smb"],
                      "quarterly_quota": [12_000.0, 50_000.0, np.nan]})


def test_view_on_hand_made_rows():
    view = forecast_view(DEALS, HISTORY, USERS, REF, "smb")
    assert view["win_rate"] == pytest.approx(5_000 / 20_000)  # by value, closed smb deals
    assert view["coverage_needed"] == pytest.approx(4)  # 1 / win rate
    bars = view["bars"]
    assert bars["remaining quota"] == 12_000  # nothing booked since the quarter began
    assert (bars["commit"], bars["best case"]) == (10_000, 30_000)
    assert bars["weighted pipeline"] == pytest.approx(10_000 * 0.9 + 20_000 * 0.5)
    assert bars["pipeline needed"] == pytest.approx(12_000 / 0.25)
    assert view["coverage"] == pytest.approx(30_000 / 12_000)


def test_dropping_slipped_deals_and_overriding_the_win_rate():
    view = forecast_view(DEALS, HISTORY, USERS, REF, "smb", win_rate=0.5, drop_slipped=True)
    assert view["bars"]["best case"] == 10_000  # O2 slipped twice: out
    assert view["coverage_needed"] == pytest.approx(2)
    with pytest.raises(KeyError):
        forecast_view(DEALS, HISTORY, USERS, REF, "emea")


def test_view_matches_the_graded_exercises(default_world):
    w = default_world
    view = forecast_view(new_business(w.opportunities), w.opportunity_history, w.users, w.reference_date)
    ex = exercises_of("06-pipeline")
    rollup, coverage = ex["q6"].expected(w), ex["q2"].expected(w)
    assert (view["bars"]["commit"], view["bars"]["best case"]) == pytest.approx((rollup["commit"], rollup["best_case"]))
    assert view["coverage"] == pytest.approx(coverage["coverage"])
    assert view["coverage_needed"] == pytest.approx(coverage["coverage_needed"])
    assert view["bars"]["weighted pipeline"] == pytest.approx(ex["q1"].expected(w))


def test_widget_builds_and_redraws(tiny_world, capsys):
    box = forecast_explorer(tiny_world)
    (segment, rate), drop = box.children[0].children, box.children[1]
    assert list(segment.options) == list(SEGMENTS)
    for choice in SEGMENTS:
        segment.value = choice  # each change resets the rate to the segment's and redraws; an error would raise here
        assert 0.05 <= rate.value <= 0.6
    rate.value = 0.3
    drop.value = True
    ax = plot_view(forecast_view(DEALS, HISTORY, USERS, REF, "smb"))
    assert "covered" in ax.get_title()


def test_the_lessons_point_enterprise_needs_more_coverage_than_smb(default_world):
    w = default_world
    view = {s: forecast_view(new_business(w.opportunities), w.opportunity_history, w.users, w.reference_date, s) for s in ("smb", "enterprise")}
    assert view["enterprise"]["win_rate"] < view["smb"]["win_rate"]
    assert view["enterprise"]["coverage_needed"] > view["smb"]["coverage_needed"]
