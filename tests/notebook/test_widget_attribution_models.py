"""The attribution widget: its table is the graded formulas, every model's column shares out
the same won revenue, and the dropdown redraws without a browser."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")

from crosstrain.notebook.exercises import exercises_of  # noqa: E402
from crosstrain.notebook.exercises.attribution import formulas as a
from crosstrain.notebook.exercises.attribution.formulas import revenue_table, won_path_revenue
from crosstrain.notebook.widgets.attribution_models import (  # noqa: E402
    MODELS,
    attribution_explorer,
    model_bars,
    plot_journey,
    plot_model,
    share_table,
)


@pytest.fixture(scope="module")
def table(tiny_world):
    return revenue_table(tiny_world)


def test_one_column_per_model_and_touch_models_share_out_the_same_revenue(table, tiny_world):
    assert list(table.columns) == list(MODELS)
    attributed = won_path_revenue(a.touch_path(tiny_world))
    for model in MODELS:
        if model != "primary_campaign":
            assert table[model].sum() == pytest.approx(attributed), model


def test_the_table_agrees_with_what_the_exercises_grade(table, tiny_world):
    exercises = exercises_of("07-attribution")
    graded = {"primary_campaign": exercises["q1"].expected(tiny_world), "time_decay": exercises["q5"].expected(tiny_world),
              **exercises["q3"].expected(tiny_world), **exercises["q4"].expected(tiny_world)}
    for model, expected in graded.items():
        shown = table[model][table[model] > 0].to_dict()
        assert shown == pytest.approx({k: v for k, v in expected.items() if v > 0}), model


def test_bars_leave_out_channels_without_credit_and_put_the_largest_on_top(table):
    bars = model_bars(table, "first_touch")
    assert (bars > 0).all() and bars.is_monotonic_increasing
    with pytest.raises(KeyError, match="choose one of"):
        model_bars(table, "nonsense")


def test_every_model_plots(table):
    for model in MODELS:
        ax = plot_model(table, model)
        assert len(ax.patches) == len(model_bars(table, model))


def test_a_journey_plots(tiny_world):
    deal = a.touch_path(tiny_world).opportunity_id.iloc[0]
    assert plot_journey(tiny_world, deal).get_title().startswith(deal)
    with pytest.raises(KeyError):
        plot_journey(tiny_world, "O-nonexistent")


def test_the_dropdown_redraws(tiny_world):
    widget = attribution_explorer(tiny_world)
    dropdown = widget.children[0]
    assert {value for _, value in dropdown.options} == set(MODELS)
    for model in MODELS:
        dropdown.value = model  # each change redraws; an error would raise here
    assert not hasattr(widget, "table")  # the dollars behind the chart are graded answers


def test_the_lesson_reads_rounded_shares_of_the_same_table(table, tiny_world):
    shares = share_table(tiny_world)
    assert shares.to_dict() == (table / table.sum()).round(3).to_dict()
    assert shares.sum().round(2).eq(1).all()


def test_the_dropdown_is_wide_enough_for_its_longest_model(tiny_world):
    dropdown = attribution_explorer(tiny_world).children[0]
    longest = max(len(label) for label, _ in dropdown.options)  # "Primary campaign source (Salesforce default)"
    assert int(dropdown.layout.width.removesuffix("px")) >= 90 + 7 * longest
