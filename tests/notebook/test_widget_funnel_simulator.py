"""The funnel simulator: its arithmetic by hand, and a widget that reacts to a slider."""

from __future__ import annotations

import math

import matplotlib
import pytest

from crosstrain.notebook.exercises.funnel_handoff.formulas import TRANSITIONS
from crosstrain.notebook.widgets.funnel_simulator import (
    _draw,
    funnel_simulator,
    lever_effects,
    observed_defaults,
    simulate_funnel,
)

matplotlib.use("Agg")

RATES = {"lead_to_mql": 0.2, "mql_to_sal": 0.5, "sal_to_sql": 0.5, "sql_to_opportunity": 0.8, "opportunity_to_won": 0.25}


def test_each_stage_is_the_previous_times_its_rate_and_revenue_is_won_times_the_average_deal():
    table = simulate_funnel(1000, RATES, 20_000)
    assert table["count"].tolist() == pytest.approx([1000, 200, 100, 50, 40, 10])
    assert table.loc["won", "revenue"] == pytest.approx(200_000)
    assert table["revenue"].drop("won").eq(0).all()


def test_doubling_leads_and_doubling_a_rate_double_revenue_alike():
    base = simulate_funnel(1000, RATES, 20_000).loc["won", "revenue"]
    assert simulate_funnel(2000, RATES, 20_000).loc["won", "revenue"] == pytest.approx(2 * base)
    assert simulate_funnel(1000, {**RATES, "sal_to_sql": 1.0}, 20_000).loc["won", "revenue"] == pytest.approx(2 * base)


def test_impossible_inputs_are_refused():
    with pytest.raises(ValueError, match="between 0 and 1"):
        simulate_funnel(1000, {**RATES, "mql_to_sal": 45.0}, 20_000)
    with pytest.raises(ValueError):
        simulate_funnel(-1, RATES, 20_000)


def test_defaults_are_the_worlds_observed_numbers(tiny_world):
    defaults = observed_defaults(tiny_world)
    assert set(defaults["rates"]) == set(TRANSITIONS)
    assert all(0 <= r <= 1 and not math.isnan(r) for r in defaults["rates"].values())
    assert defaults["leads"] >= 0 and defaults["avg_deal"] > 0


def test_the_average_deal_is_a_won_new_business_deal(default_world):
    """The funnel's leads make new business: expansion deals (module 09) would shift the average."""
    deals = default_world.opportunities
    won = deals[deals.is_won.astype(bool)]
    new_business = won[won.type == "new_business"].amount.mean()
    assert observed_defaults(default_world)["avg_deal"] == pytest.approx(round(new_business, -3))
    assert round(won.amount.mean(), -3) != round(new_business, -3)  # the filter matters in the course's world


def _reset(box):
    """The reset button (in a row of its own, so it is as wide as its label)."""
    return next(b for w in box.children for b in (w, *getattr(w, "children", ())) if type(b).__name__ == "Button")


def test_the_widget_renders_and_reacts_to_a_slider(tiny_world):
    box = funnel_simulator(tiny_world)
    sliders = [w for w in box.children if hasattr(w, "value") and type(w).__name__.endswith("Slider")]
    assert len(sliders) == 1 + len(TRANSITIONS) + 1
    summary = next(w for w in box.children if type(w).__name__ == "HTML" and "Won deals" in w.value)
    before = summary.value
    sliders[0].value = sliders[0].value + 1000
    assert summary.value != before
    reset = _reset(box)
    reset.click()
    assert summary.value == before


def test_the_widget_needs_a_world_or_defaults():
    with pytest.raises(ValueError, match="world"):
        funnel_simulator()
    box = funnel_simulator(defaults={"leads": 1000, "rates": RATES, "avg_deal": 20_000})
    assert "Won deals:</b> 10 per quarter" in next(w for w in box.children if type(w).__name__ == "HTML" and "Won deals" in w.value).value


def _summary(box) -> str:
    return next(w for w in box.children if type(w).__name__ == "HTML" and "Won deals" in w.value).value


def test_won_deals_are_shown_whole():
    rates = {**RATES, "opportunity_to_won": 0.383125}  # 4000 leads give 61.3 won deals
    box = funnel_simulator(defaults={"leads": 4000, "rates": rates, "avg_deal": 20_000})
    assert "Won deals:</b> 61 per quarter" in _summary(box), _summary(box)
    assert "61.3" not in _summary(box)


def test_the_widget_answers_the_lessons_question_as_the_arithmetic_does():
    """Doubling leads doubles revenue; +10 points on the leakiest handoff step multiplies it by
    (r + 0.1) / r: the widget's numbers are the simulator's own."""
    effects = lever_effects(RATES)
    base = simulate_funnel(1000, RATES, 20_000).loc["won", "revenue"]
    doubled = simulate_funnel(2000, RATES, 20_000).loc["won", "revenue"]
    lifted = simulate_funnel(1000, {**RATES, "mql_to_sal": 0.6}, 20_000).loc["won", "revenue"]
    assert effects == {"double the leads": pytest.approx(doubled / base), "+10 points on MQL → SAL": pytest.approx(lifted / base)}
    box = funnel_simulator(defaults={"leads": 1000, "rates": RATES, "avg_deal": 20_000})
    assert "double the leads: revenue ×2.00" in _summary(box) and "+10 points on MQL → SAL: revenue ×1.20" in _summary(box)
    # a step below 10% is where ten points beat doubling
    assert lever_effects({**RATES, "sal_to_sql": 0.05})["+10 points on SAL → SQL"] == pytest.approx(3.0)


def test_the_reset_label_fits_and_the_chart_is_linear():
    box = funnel_simulator(defaults={"leads": 1000, "rates": RATES, "avg_deal": 20_000})
    reset = _reset(box)
    assert reset.description == "Back to observed" and reset.layout.width == "auto"
    assert any(type(w).__name__ == "HBox" and reset in w.children for w in box.children)  # auto in a column would stretch
    table = simulate_funnel(2000, RATES, 20_000)
    fig = _draw(table, simulate_funnel(1000, RATES, 20_000))
    funnel, money = fig.axes
    assert funnel.get_xscale() == "linear"
    labels = [t.get_text() for t in funnel.texts]
    assert "20" in labels and all("." not in t for t in labels)  # won deals whole
    assert [t.get_text() for t in money.texts] == ["$0.20M", "$0.40M"]


def test_every_widget_button_and_checkbox_label_gets_the_width_it_needs(tiny_world):
    """A fixed-width button cut "Back to observed" to "Back to observ...": labels size to fit."""
    import ipywidgets as widgets

    from crosstrain.notebook.widgets.forecast import forecast_explorer
    from crosstrain.notebook.widgets.objection_roleplay import objection_roleplay

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    for box in (funnel_simulator(tiny_world), forecast_explorer(tiny_world), objection_roleplay(tiny_world)):
        labelled = [w for w in walk(box) if isinstance(w, widgets.Button | widgets.ToggleButton | widgets.Checkbox)]
        assert labelled
        for widget in labelled:
            assert widget.layout.width == "auto", f"{type(widget).__name__} {widget.description!r} has a fixed width"
