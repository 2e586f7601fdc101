"""Compare the company's channels on any metric: a dropdown of metrics redraws a bar chart.

Marketing tends to rank channels by cost per lead, sales by what the leads become; this
widget puts the rankings side by side in one click. The numbers come from
``channel_table``, a pure function on the world's tables using module 02's graded
formulas, so what the chart shows is what the exercises grade.

    from crosstrain.notebook.widgets.channel_compare import compare_channels
    compare_channels(world)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from crosstrain.notebook.exercises.measuring.formulas import (
    GROSS_MARGIN,
)
from crosstrain.notebook.exercises.measuring.formulas import (
    cost_by_channel as _cost_by_channel,
)
from crosstrain.notebook.exercises.measuring.formulas import (
    ctr_by_channel as _ctr_by_channel,
)
from crosstrain.notebook.exercises.measuring.formulas import (
    leads_by_channel as _leads_by_channel,
)
from crosstrain.notebook.exercises.measuring.formulas import (
    won_revenue_by_channel as _won_revenue_by_channel,
)
from crosstrain.notebook.widgets.fit import fitted_dropdown


@dataclass(frozen=True)
class Metric:
    label: str
    money: bool = False
    share: bool = False
    count: bool = False
    lower_is_better: bool = False


METRICS: dict[str, Metric] = {
    "leads": Metric("Leads", count=True),
    "ctr": Metric("CTR = clicks / impressions (paid media)", share=True),
    "lead_to_sql": Metric("Lead-to-SQL rate = SQLs / leads", share=True),
    "lead_to_won": Metric("Lead-to-won rate = won deals / leads", share=True),
    "actual_cost": Metric("Spend (actual cost)", money=True, lower_is_better=True),
    "cost_per_lead": Metric("Cost per lead = actual cost / leads", money=True, lower_is_better=True),
    "cost_per_sql": Metric("Cost per SQL = actual cost / SQLs", money=True, lower_is_better=True),
    "cost_per_won": Metric("Cost per won deal = actual cost / won deals", money=True, lower_is_better=True),
    "won_revenue": Metric("Won revenue sourced", money=True),
    "roi": Metric(f"ROI = (won revenue x {GROSS_MARGIN:.0%} margin - cost) / cost"),
}


def channel_table(world, margin: float = GROSS_MARGIN) -> pd.DataFrame:
    """One row per source channel (outbound included, with no cost), one column per metric."""
    leads, campaigns, deals = world.leads, world.campaigns, world.opportunities
    won_leads = deals.loc[deals.is_won.fillna(False).astype(bool), "lead_id"]
    table = pd.DataFrame({
        "leads": _leads_by_channel(leads),
        "sqls": _leads_by_channel(leads, "sql_at"),
        "won": leads[leads.lead_id.isin(won_leads)].groupby("source_channel").size(),
    }).fillna(0).astype(int)
    table = table.join(pd.DataFrame({
        "actual_cost": _cost_by_channel(campaigns),
        "ctr": _ctr_by_channel(campaigns),
        "won_revenue": _won_revenue_by_channel(campaigns, deals),
    }), how="outer")
    table[["leads", "sqls", "won"]] = table[["leads", "sqls", "won"]].fillna(0).astype(int)
    table["lead_to_sql"] = table.sqls / table.leads
    table["lead_to_won"] = table.won / table.leads
    table["cost_per_lead"] = table.actual_cost / table.leads
    table["cost_per_sql"] = table.actual_cost / table.sqls.where(table.sqls > 0)  # undefined without an SQL (module 02 q3)
    table["cost_per_won"] = table.actual_cost / table.won
    table["roi"] = (table.won_revenue * margin - table.actual_cost) / table.actual_cost
    table.index.name = "channel"
    return table


def metric_bars(table: pd.DataFrame, metric: str) -> pd.Series:
    """The bars to draw: the metric by channel, channels without a value left out, sorted
    so the best channel comes last (``barh`` draws the last bar on top)."""
    if metric not in METRICS:
        raise KeyError(f"unknown metric '{metric}': choose one of {', '.join(METRICS)}")
    values = table[metric].replace([float("inf"), float("-inf")], float("nan")).dropna()
    return values.sort_values(ascending=not METRICS[metric].lower_is_better)


def metric_label(spec: Metric, value: float) -> str:
    """A bar's label: dollars, a percentage, a whole count, or a ratio to two decimals (ROI)."""
    if spec.money:
        return f"${value:,.0f}"
    if spec.share:
        return f"{value:.1%}"
    return f"{value:,.0f}" if spec.count else f"{value:,.2f}"


def plot_metric(table: pd.DataFrame, metric: str, ax=None):
    """A horizontal bar chart of one metric by channel; returns the Axes."""
    import matplotlib.pyplot as plt

    bars = metric_bars(table, metric)
    spec = METRICS[metric]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.6))
    ax.barh(bars.index, bars.values, color="#c2410c" if spec.money else "#2563eb")
    ax.set_title(spec.label + ("  (best on top: lower is better)" if spec.lower_is_better else "  (best on top)"), fontsize=10)
    for y, value in enumerate(bars.values):
        ax.annotate(metric_label(spec, value), (value, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.margins(x=0.18)
    return ax


def compare_channels(world, metric: str = "cost_per_lead"):
    """The widget: a metric dropdown above a bar chart by channel that redraws on change."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    table = channel_table(world)
    choice = fitted_dropdown([(m.label, key) for key, m in METRICS.items()], value=metric, description="Metric")
    out = widgets.Output()

    def redraw(*_):
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(7, 3.6))
            plot_metric(table, choice.value, ax)
            fig.tight_layout()
            display(fig)
            plt.close(fig)

    choice.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([choice, out])
    box.table = table  # the numbers behind the chart, for a closer look
    return box
