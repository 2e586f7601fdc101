"""The reverse-funnel planner: its arithmetic by hand, and a widget that reacts to a slider."""

from __future__ import annotations

import math

import matplotlib
import pytest

from crosstrain.notebook.exercises.alignment.formulas import GAP_STAGES
from crosstrain.notebook.widgets.reverse_funnel import (
    RATE_LABELS,
    observed_defaults,
    plan_table,
    reverse_funnel_planner,
)

matplotlib.use("Agg")

INPUTS = {"lead_to_mql": 0.25, "mql_to_sal": 0.5, "sal_to_sql": 0.5, "sql_to_opportunity": 0.5,
          "win_rate": 0.2, "average_deal": 50_000.0, "cost_per_lead": 10.0}
OBSERVED = {"leads": 1600, "mqls": 400, "sals": 200, "sqls": 100, "opportunities": 100, "deals": 10}


def test_each_stage_divides_the_one_below_by_its_rate_and_budget_is_leads_times_cpl():
    table = plan_table(1_000_000, INPUTS, OBSERVED)
    assert list(table.index) == list(GAP_STAGES)
    assert table.needed.tolist() == pytest.approx([3200, 800, 400, 200, 100, 20])
    assert table.attrs["budget"] == pytest.approx(32_000)
    assert table.ratio.tolist() == pytest.approx([0.5, 0.5, 0.5, 0.5, 1.0, 0.5])


def test_a_better_rate_shrinks_every_stage_above_it_only():
    base = plan_table(1_000_000, INPUTS)
    better = plan_table(1_000_000, {**INPUTS, "sal_to_sql": 1.0})
    assert better.needed["sqls"] == base.needed["sqls"] and better.needed["deals"] == base.needed["deals"]
    assert better.needed["sals"] == pytest.approx(base.needed["sals"] / 2)
    assert better.needed["leads"] == pytest.approx(base.needed["leads"] / 2)


def test_impossible_inputs_are_refused():
    with pytest.raises(ValueError, match="rate"):
        plan_table(1_000_000, {**INPUTS, "win_rate": 20.0})
    with pytest.raises(ValueError, match="rate"):
        plan_table(1_000_000, {**INPUTS, "mql_to_sal": 0.0})
    with pytest.raises(ValueError):
        plan_table(-1, INPUTS)


def test_defaults_are_the_worlds_observed_numbers(tiny_world):
    defaults = observed_defaults(tiny_world)
    assert defaults["goal"] > 0 and set(defaults["observed"]) == set(GAP_STAGES)
    assert all(0 < defaults["inputs"][k] <= 1 and not math.isnan(defaults["inputs"][k]) for k in RATE_LABELS)


def test_the_widget_renders_and_reacts_to_a_slider(tiny_world):
    box = reverse_funnel_planner(tiny_world)
    sliders = [w for w in box.children if type(w).__name__.endswith("Slider")]
    assert len(sliders) == 1 + len(RATE_LABELS) + 2
    summary = next(w for w in box.children if type(w).__name__ == "HTML" and "Budget" in w.value)
    before = summary.value
    sliders[0].value = sliders[0].value * 2
    assert summary.value != before


def test_the_widget_needs_a_world_or_defaults():
    with pytest.raises(ValueError, match="world"):
        reverse_funnel_planner()


def test_the_summary_rounds_each_count_up_to_a_whole_number():
    # a $1,010,000 goal at $50,000 needs 20.2 deals: 21 deals to win, never 20 or 20.2
    box = reverse_funnel_planner(defaults={"goal": 1_010_000, "inputs": INPUTS, "observed": OBSERVED, "quarter": "2025Q4"})
    summary = next(w for w in box.children if type(w).__name__ == "HTML" and "Budget" in w.value).value
    assert "21 deals" in summary and "101 opportunities" in summary and "3,232 leads" in summary, summary


def test_each_rate_slider_reads_the_rate_the_plan_uses():
    box = reverse_funnel_planner(defaults={"goal": 1_000_000, "inputs": {**INPUTS, "win_rate": 0.237},
                                           "observed": OBSERVED, "quarter": "2025Q4"})
    win = next(w for w in box.children if getattr(w, "description", "") == RATE_LABELS["win_rate"])
    assert f"{win.value:{win.readout_format}}" == "23.7%"
