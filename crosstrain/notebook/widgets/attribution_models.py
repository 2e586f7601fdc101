"""Switch the attribution model and watch won revenue move between channels.

The same won deals, the same touches: only the rule that shares each deal's amount
changes. The numbers come from ``formulas.revenue_table``, built on module 07's graded formulas
(``crosstrain.notebook.exercises.attribution``), so the chart shows what the exercises
grade; the notebook gets pictures and rounded shares, never the dollars an exercise asks
for (``tests/grading/test_no_shortcuts.py``).

    from crosstrain.notebook.widgets.attribution_models import attribution_explorer
    attribution_explorer(world)
"""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.attribution.formulas import MODELS
from crosstrain.notebook.exercises.attribution.formulas import revenue_table as _revenue_table
from crosstrain.notebook.exercises.attribution.formulas import touch_path as _touch_path
from crosstrain.notebook.widgets.fit import fitted_dropdown


def share_table(world) -> pd.DataFrame:
    """Each channel's share of what every model shares out, to a tenth of a percent: the
    comparison the lesson reads, not the dollars the exercises grade."""
    table = _revenue_table(world)
    return (table / table.sum()).round(3)


def model_bars(table: pd.DataFrame, model: str) -> pd.Series:
    """The bars to draw for one model: channels with credit, largest drawn on top."""
    if model not in MODELS:
        raise KeyError(f"unknown attribution model '{model}': choose one of {', '.join(MODELS)}")
    values = table[model]
    return values[values > 0].sort_values()


def plot_model(table: pd.DataFrame, model: str, ax=None, compare_with: str | None = "primary_campaign"):
    """A horizontal bar chart of won revenue by channel under ``model``; a black tick marks
    each channel's revenue under ``compare_with`` (the Salesforce default) for contrast."""
    import matplotlib.pyplot as plt

    bars = model_bars(table, model)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.8))
    ax.barh(bars.index, bars.values / 1e6, color="#0f766e")
    if compare_with and compare_with != model:
        base = table[compare_with].reindex(bars.index).fillna(0.0)
        ax.scatter(base.values / 1e6, range(len(bars)), marker="|", s=200, color="black", label=MODELS[compare_with], zorder=3)
        ax.legend(loc="lower right", fontsize=8)
    for y, value in enumerate(bars.values):
        ax.annotate(f"{value / bars.sum():.0%}", (value / 1e6, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlabel("won revenue credited ($ millions)")
    ax.set_title(f"{MODELS[model]}: ${bars.sum() / 1e6:,.2f}M of won revenue shared out", fontsize=10)
    ax.margins(x=0.15)
    return ax


def attribution_explorer(world, model: str = "w_shaped"):
    """The widget: a model dropdown above the bar chart, redrawn on every change."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    table = _revenue_table(world)
    choice = fitted_dropdown([(label, key) for key, label in MODELS.items()], value=model, description="Model")
    out = widgets.Output()

    def redraw(*_):
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(7, 3.8))
            plot_model(table, choice.value, ax)
            fig.tight_layout()
            display(fig)
            plt.close(fig)

    choice.observe(redraw, names="value")
    redraw()
    return widgets.VBox([choice, out])


def plot_journey(world, opportunity_id: str, ax=None):
    """One won deal's touches on a time line (days relative to the close), by channel, with
    the lead's creation, the deal's creation and the close marked: the picture every
    model shares out differently. Touches after the close are drawn too, in grey."""
    import matplotlib.pyplot as plt

    deal = _touch_path(world, until=None)
    deal = deal[deal.opportunity_id == opportunity_id]
    if deal.empty:
        raise KeyError(f"{opportunity_id} is not a won deal with touches")
    close = deal.close_date.iloc[0]
    days = (deal.occurred_at - close) / pd.Timedelta(days=1)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 2.8))
    channels = sorted(deal.channel.unique())
    ax.scatter(days, deal.channel.map(channels.index), s=60, color=["#0f766e" if d <= 0 else "#9ca3af" for d in days], zorder=3)
    ax.set_yticks(range(len(channels)), channels)
    marks = {"lead created": deal.lead_created_at.iloc[0], "deal created": deal.opp_created_at.iloc[0], "won": close}
    for (label, when), style in zip(marks.items(), (":", "--", "-")):
        if pd.notna(when):
            ax.axvline((when - close) / pd.Timedelta(days=1), color="black", linestyle=style, label=label)
    ax.set_xlabel("days relative to the close (0 = won)")
    after = int((days > 0).sum())
    ax.set_title(f"{opportunity_id}: {len(deal) - after} touches up to the close" + (f" (+{after} after)" if after else "")
                 + f", ${deal.amount.iloc[0]:,.0f} won", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    return ax
