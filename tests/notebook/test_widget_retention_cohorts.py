"""The retention cohort explorer: its curves by hand, and a widget that follows its controls."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

from crosstrain.notebook.widgets.retention_cohorts import cohort_curves, retention_explorer

matplotlib.use("Agg")
DAY = pd.Timestamp


def _world():
    """Two Q1 customers (one expands, one churns in Q3) and one Q2 customer, seen on 30 Sep."""
    events = pd.DataFrame({
        "event_id": ["E1", "E2", "E3", "E4", "E5"],
        "subscription_id": ["A", "B", "A", "B", "C"],
        "occurred_at": [DAY("2026-01-10"), DAY("2026-02-01"), DAY("2026-05-01"), DAY("2026-08-01"), DAY("2026-04-15")],
        "arr_before": [0.0, 0.0, 100.0, 100.0, 0.0], "arr_after": [100.0, 100.0, 150.0, 0.0, 50.0]})
    subs = pd.DataFrame({"subscription_id": list("ABC"), "segment": ["smb", "smb", "enterprise"],
                         "start_date": [DAY("2026-01-10"), DAY("2026-02-01"), DAY("2026-04-15")],
                         "arr_start": [100.0, 100.0, 50.0]})
    return SimpleNamespace(reference_date=DAY("2026-09-30"), subscriptions=subs, subscription_events=events)


def test_net_follows_expansion_gross_caps_it_and_logos_count_customers():
    net, gross, logos = (cohort_curves(_world(), measure=m) for m in ("net", "gross", "logos"))
    assert net.loc["2026Q1"].tolist() == pytest.approx([1.0, 1.25, 0.75])
    assert gross.loc["2026Q1"].tolist() == pytest.approx([1.0, 1.0, 0.5])
    assert logos.loc["2026Q1"].tolist() == pytest.approx([1.0, 1.0, 0.5])
    assert net.loc["2026Q2"].dropna().tolist() == pytest.approx([1.0, 1.0])


def test_a_segment_keeps_only_its_customers_and_an_unknown_measure_is_refused():
    assert list(cohort_curves(_world(), segment="enterprise").index) == ["2026Q2"]
    with pytest.raises(ValueError, match="measure"):
        cohort_curves(_world(), measure="average")


def test_the_widget_redraws_when_the_measure_changes():
    box = retention_explorer(_world())
    controls, summary = box.children[1], box.children[2]
    before = summary.value
    assert "2 cohorts" in before and "75%" in before
    controls.children[1].value = "gross"
    assert summary.value != before and "50%" in summary.value
