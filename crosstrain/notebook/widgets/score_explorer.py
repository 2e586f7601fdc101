"""A lead-score explorer: weigh fit and engagement, move the MQL bar, see what sales gets.

The point it makes in module 04: every MQL threshold trades volume and recall (how many
of the leads that became opportunities marketing hands over) against precision (how
many of the MQLs sales receives are worth its time). The score is
``fit_weight x fit + engagement_weight x decayed engagement`` on inbound leads, the
truth is "became an opportunity", as in ``crosstrain.notebook.exercises.lead_scoring``.

``evaluate`` and ``sweep`` are the pure computations (unit-tested without a browser);
``score_explorer(world)`` wraps them in ipywidgets and redraws a matplotlib chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crosstrain.notebook.exercises.lead_scoring.formulas import decayed_engagement as _decayed_engagement

THRESHOLDS = np.arange(0, 201)


@dataclass(frozen=True)
class Outcome:
    """What one scoring rule gives sales: MQL volume and its quality against opportunities."""

    threshold: float
    mqls: int
    opportunities: int  # leads that became opportunities, MQL or not
    hits: int  # MQLs that became opportunities
    precision: float  # hits / MQLs (0 when there are no MQLs)
    recall: float  # hits / opportunities (0 when there are none)
    f1: float  # 2 hits / (MQLs + opportunities)


def evaluate(fit, engagement, converted, fit_weight: float = 1.0, engagement_weight: float = 1.0,
             threshold: float = 70.0) -> Outcome:
    """Score = fit_weight x fit + engagement_weight x engagement; MQL = score >= threshold."""
    table = sweep(fit, engagement, converted, fit_weight, engagement_weight, [threshold])
    row = table.iloc[0]
    return Outcome(float(threshold), int(row.mqls), int(row.opportunities), int(row.hits),
                   float(row.precision), float(row.recall), float(row.f1))


def sweep(fit, engagement, converted, fit_weight: float = 1.0, engagement_weight: float = 1.0,
          thresholds=THRESHOLDS) -> pd.DataFrame:
    """MQLs, hits, precision, recall and F1 at each threshold, one row per threshold."""
    fit, engagement = np.asarray(fit, dtype=float), np.asarray(engagement, dtype=float)
    converted = np.asarray(converted, dtype=bool)
    if not (len(fit) == len(engagement) == len(converted)):
        raise ValueError("fit, engagement and converted must have one value per lead")
    if fit_weight < 0 or engagement_weight < 0:
        raise ValueError("weights cannot be negative")
    score = fit_weight * fit + engagement_weight * engagement
    thresholds = np.asarray(thresholds, dtype=float)
    every = np.sort(score)
    good = np.sort(score[converted])
    mqls = len(every) - np.searchsorted(every, thresholds, side="left")
    hits = len(good) - np.searchsorted(good, thresholds, side="left")
    opportunities = len(good)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(mqls > 0, hits / np.maximum(mqls, 1), 0.0)
        recall = np.where(opportunities > 0, hits / max(opportunities, 1), 0.0)
        f1 = np.where(mqls + opportunities > 0, 2 * hits / np.maximum(mqls + opportunities, 1), 0.0)
    return pd.DataFrame({"threshold": thresholds, "mqls": mqls, "opportunities": opportunities, "hits": hits,
                         "precision": precision, "recall": recall, "f1": f1})


def inbound_scores(world) -> pd.DataFrame:
    """Inbound leads with their fit, decayed engagement and whether they became an opportunity."""
    leads = world.leads.set_index("lead_id")
    inbound = leads.source_channel != "outbound"
    return pd.DataFrame({
        "fit": leads.fit_score[inbound].astype(float),
        "engagement": _decayed_engagement(world)[inbound],
        "converted": leads.opportunity_id.notna()[inbound],
    })


def _describe(o: Outcome, leads: int) -> str:
    return (f"<b>MQLs:</b> {o.mqls:,} ({o.mqls / max(leads, 1):.1%} of inbound leads) &nbsp; "
            f"<b>Precision:</b> {o.precision:.1%} &nbsp; <b>Recall:</b> {o.recall:.1%} &nbsp; <b>F1:</b> {o.f1:.3f}"
            f"<br>Of {o.mqls:,} MQLs, {o.hits:,} became opportunities; {o.opportunities - o.hits:,} "
            f"opportunities came from leads below the bar.")


def _draw(table: pd.DataFrame, threshold: float):
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter

    fig, ax = plt.subplots(figsize=(7, 3.2))
    for column, colour in (("precision", "#2b7bb9"), ("recall", "#e08214"), ("f1", "#333333")):
        ax.plot(table.threshold, table[column], label=column, color=colour)
    ax.axvline(threshold, color="#c0392b", linestyle="--", label="your bar")
    ax.set_xlabel("MQL threshold (points)")
    ax.set_ylabel("share")
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))  # as the summary line reads them
    ax.legend(loc="upper right", fontsize=8)
    ax.set_title("Against becoming an opportunity, inbound leads")
    fig.tight_layout()
    return fig


def score_explorer(world=None, data: pd.DataFrame | None = None):
    """The widget: weights and threshold sliders, a summary line and a precision/recall chart.

    Pass the world, or ``data`` with columns fit, engagement, converted (one row per lead).
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    if data is None:
        if world is None:
            raise ValueError("give the world (score_explorer(world)) or data")
        data = inbound_scores(world)
    style = {"description_width": "140px"}
    layout = widgets.Layout(width="460px")
    fit_w = widgets.FloatSlider(value=1.0, min=0.0, max=2.0, step=0.1, description="Fit weight",
                                style=style, layout=layout, continuous_update=False)
    eng_w = widgets.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.1, description="Engagement weight",
                                style=style, layout=layout, continuous_update=False)
    bar = widgets.IntSlider(value=70, min=0, max=200, step=1, description="MQL threshold",
                            style=style, layout=layout, continuous_update=False)
    summary = widgets.HTML()
    chart = widgets.Output()
    args = (data.fit.to_numpy(), data.engagement.to_numpy(), data.converted.to_numpy())

    def redraw(_=None):
        outcome = evaluate(*args, fit_w.value, eng_w.value, bar.value)
        summary.value = _describe(outcome, len(data))
        with chart:
            chart.clear_output(wait=True)
            fig = _draw(sweep(*args, fit_w.value, eng_w.value), bar.value)
            display(fig)
            plt.close(fig)

    for control in (fit_w, eng_w, bar):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([fit_w, eng_w, bar, summary, chart])
