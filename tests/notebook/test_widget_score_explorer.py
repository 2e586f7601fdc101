"""The lead-score explorer: precision, recall and F1 by hand, and a widget that reacts to a slider."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

from crosstrain.notebook.exercises.lead_scoring.formulas import (
    best_threshold,
    lead_scores,
)
from crosstrain.notebook.widgets.score_explorer import (
    evaluate,
    inbound_scores,
    score_explorer,
    sweep,
)

matplotlib.use("Agg")

# Four leads: fit, engagement, became an opportunity.
FIT = [10, 20, 30, 40]
ENGAGEMENT = [0, 0, 0, 0]
CONVERTED = [False, True, False, True]


def test_mql_volume_precision_recall_and_f1_by_hand():
    outcome = evaluate(FIT, ENGAGEMENT, CONVERTED, threshold=20)
    assert (outcome.mqls, outcome.hits, outcome.opportunities) == (3, 2, 2)
    assert outcome.precision == pytest.approx(2 / 3)  # MQLs that became opportunities / MQLs
    assert outcome.recall == pytest.approx(1.0)  # ... / leads that became opportunities
    assert outcome.f1 == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))


def test_weights_scale_each_part_of_the_score():
    # engagement weight 0: only fit counts; fit weight 0: only engagement.
    assert evaluate(FIT, [100, 0, 0, 0], CONVERTED, 1.0, 0.0, threshold=35).mqls == 1
    assert evaluate(FIT, [100, 0, 0, 0], CONVERTED, 0.0, 1.0, threshold=35).mqls == 1
    assert evaluate(FIT, [100, 0, 0, 0], CONVERTED, 1.0, 1.0, threshold=35).mqls == 2
    assert evaluate(FIT, ENGAGEMENT, CONVERTED, 2.0, 1.0, threshold=60).mqls == 2


def test_a_bar_nobody_reaches_gives_zero_not_an_error():
    outcome = evaluate(FIT, ENGAGEMENT, CONVERTED, threshold=1000)
    assert (outcome.mqls, outcome.precision, outcome.recall, outcome.f1) == (0, 0.0, 0.0, 0.0)


def test_raising_the_bar_never_raises_recall():
    rng = np.random.default_rng(1)
    fit, engagement = rng.integers(0, 100, 500), rng.random(500) * 50
    table = sweep(fit, engagement, rng.random(500) < 0.2)
    assert (np.diff(table.recall) <= 1e-12).all()
    assert (np.diff(table.mqls) <= 0).all()


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="one value per lead"):
        sweep(FIT, ENGAGEMENT[:2], CONVERTED)
    with pytest.raises(ValueError, match="negative"):
        sweep(FIT, ENGAGEMENT, CONVERTED, fit_weight=-1)


def test_with_equal_weights_the_best_f1_is_the_exercise_answer(tiny_world):
    data = inbound_scores(tiny_world)
    table = sweep(data.fit, data.engagement, data.converted)
    best = int(table.threshold[table.f1.idxmax()])
    assert best == best_threshold(lead_scores(tiny_world)[data.index], data.converted)


def test_the_widget_redraws_when_the_bar_moves(tiny_world):
    box = score_explorer(tiny_world)
    fit_w, eng_w, bar, summary = box.children[:4]
    before = summary.value
    assert "MQLs" in before and "Precision" in before
    bar.value = 0
    assert summary.value != before
    assert f"{len(inbound_scores(tiny_world)):,} MQLs" in summary.value  # everyone clears a bar of 0
    with pytest.raises(ValueError):
        score_explorer()


def test_the_chart_reads_its_shares_as_percentages(tiny_world):
    from crosstrain.notebook.widgets.score_explorer import _draw

    data = inbound_scores(tiny_world)
    fig = _draw(sweep(data.fit, data.engagement, data.converted), 70)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks and all(t.endswith("%") for t in ticks), ticks
