"""The channel-comparison widget: its table is the graded formulas, its bars are sorted
best on top, and the dropdown redraws without a browser."""

from __future__ import annotations

import re
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from crosstrain.notebook.exercises import exercises_of  # noqa: E402
from crosstrain.notebook.widgets.channel_compare import (  # noqa: E402
    METRICS,
    channel_table,
    compare_channels,
    metric_bars,
    metric_label,
    plot_metric,
)

T = pd.Timestamp("2026-01-01")
HAND_MADE = SimpleNamespace(
    campaigns=pd.DataFrame({
        "campaign_id": ["M1", "M2"], "channel": ["display", "email"], "budget": [1.0, 1.0],
        "actual_cost": [400.0, 100.0], "impressions": [10_000, 0], "clicks": [50, 20],
    }),
    leads=pd.DataFrame({
        "lead_id": ["L1", "L2", "L3", "L4", "L5"],
        "source_channel": ["display", "display", "email", "email", "outbound"],
        "campaign_id": ["M1", "M1", "M2", "M2", None],
        "sql_at": [T, T, pd.NaT, T, T],
    }),
    opportunities=pd.DataFrame({
        "opportunity_id": ["O1", "O2", "O3"], "lead_id": ["L1", "L4", "L5"], "campaign_id": ["M1", "M2", None],
        "amount": [1000.0, 500.0, 700.0], "is_won": [True, False, True],
    }),
)


def test_channel_table_on_hand_made_rows():
    table = channel_table(HAND_MADE, margin=0.5)
    assert table.loc["display", ["leads", "sqls", "won"]].tolist() == [2, 2, 1]
    assert table.loc["display", "ctr"] == pytest.approx(50 / 10_000)
    assert table.loc["display", "cost_per_lead"] == pytest.approx(200)
    assert table.loc["display", "cost_per_sql"] == pytest.approx(200)
    assert table.loc["email", "cost_per_sql"] == pytest.approx(100)
    assert table.loc["display", "roi"] == pytest.approx((500 - 400) / 400)
    assert table.loc["email", "roi"] == pytest.approx(-1)  # its deal was lost: no revenue
    assert pd.isna(table.loc["outbound", "cost_per_lead"])  # no campaign, no cost


def test_bars_leave_out_missing_values_and_put_the_best_last():
    table = channel_table(HAND_MADE)
    assert list(metric_bars(table, "cost_per_lead").index) == ["display", "email"]  # cheapest drawn on top
    assert list(metric_bars(table, "leads").index)[-1] in ("display", "email")
    assert "outbound" not in metric_bars(table, "roi")
    with pytest.raises(KeyError, match="choose one of"):
        metric_bars(table, "nonsense")


def test_every_metric_plots():
    table = channel_table(HAND_MADE)
    for metric in METRICS:
        ax = plot_metric(table, metric)
        assert len(ax.patches) == len(metric_bars(table, metric))


def test_the_table_agrees_with_what_the_exercises_grade(tiny_world):
    table = channel_table(tiny_world)
    exercises = exercises_of("02-measuring")
    for metric, name in (("ctr", "q1"), ("cost_per_sql", "q3"), ("roi", "q5")):
        expected = exercises[name].expected(tiny_world)
        assert table[metric].dropna().to_dict() == pytest.approx({k: v for k, v in expected.items() if pd.notna(v)}), metric


def test_the_dropdown_redraws(tiny_world, capsys):
    widget = compare_channels(tiny_world)
    dropdown = widget.children[0]
    assert {value for _, value in dropdown.options} == set(METRICS)
    for metric in METRICS:
        dropdown.value = metric  # each change redraws; an error would raise here
    assert widget.table.index.name == "channel"


def test_bar_labels_read_counts_whole_shares_as_percentages_money_with_commas():
    assert metric_label(METRICS["leads"], 1234.0) == "1,234"
    assert metric_label(METRICS["ctr"], 0.0125) == "1.2%"
    assert metric_label(METRICS["cost_per_lead"], 1234.4) == "$1,234"
    assert metric_label(METRICS["roi"], 2.5) == "2.50"  # ROI is a multiple of the spend
    labels = [text.get_text() for text in plot_metric(channel_table(HAND_MADE), "leads").texts]
    assert labels and all(re.fullmatch(r"[\d,]+", label) for label in labels), labels


def test_the_dropdown_is_wide_enough_for_its_longest_metric(tiny_world):
    dropdown = compare_channels(tiny_world).children[0]
    longest = max(len(label) for label, _ in dropdown.options)
    assert int(dropdown.layout.width.removesuffix("px")) >= 90 + 7 * longest
