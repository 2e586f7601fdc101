"""A reverse-funnel planner: set a revenue goal and the rates, see what every stage needs.

The point it makes in module 08: a plan divides the goal by each rate on the way up the
funnel, so a few points on one rate change every stage above it and the budget. The
sliders start at the world's own numbers (``crosstrain.notebook.exercises.alignment.plan_inputs``
and ``_revenue_goal``); the chart sets the plan against what the last complete quarter
delivered.

``plan_table`` is the pure computation (unit-tested without a browser);
``reverse_funnel_planner(world)`` wraps it in ipywidgets and redraws a matplotlib chart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from crosstrain.notebook.exercises.alignment.formulas import (
    GAP_STAGES,
)
from crosstrain.notebook.exercises.alignment.formulas import (
    observed_volumes as _observed_volumes,
)
from crosstrain.notebook.exercises.alignment.formulas import (
    plan_inputs as _plan_inputs,
)
from crosstrain.notebook.exercises.alignment.formulas import (
    revenue_goal as _revenue_goal,
)
from crosstrain.notebook.exercises.alignment.formulas import (
    reverse_funnel as _reverse_funnel,
)
from crosstrain.notebook.exercises.funnel_handoff.formulas import inbound as _inbound
from crosstrain.notebook.exercises.measuring.formulas import last_complete_quarter as _last_complete_quarter

RATE_LABELS = {
    "lead_to_mql": "Lead → MQL",
    "mql_to_sal": "MQL → SAL",
    "sal_to_sql": "SAL → SQL",
    "sql_to_opportunity": "SQL → opportunity",
    "win_rate": "Win rate",
}


def plan_table(goal: float, inputs: Mapping[str, float], observed: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One row per stage, top of the funnel first: ``needed``, and with ``observed`` also
    ``observed`` and ``ratio`` (observed / needed). ``attrs["budget"]`` holds the budget."""
    if goal < 0:
        raise ValueError("the revenue goal cannot be negative")
    for key in RATE_LABELS:
        rate = float(inputs[key])
        if not 0 < rate <= 1:
            raise ValueError(f"the rate {key} is {rate}: a rate the plan divides by is above 0 and at most 1")
    if not inputs["average_deal"] > 0 or inputs["cost_per_lead"] < 0:
        raise ValueError("the average deal must be positive and the cost per lead not negative")
    needs = _reverse_funnel(goal, dict(inputs))
    table = pd.DataFrame({"needed": [needs[s] for s in GAP_STAGES]}, index=pd.Index(GAP_STAGES, name="stage"))
    if observed is not None:
        table["observed"] = [float(observed[s]) for s in GAP_STAGES]
        table["ratio"] = table.observed / table.needed
    table.attrs["budget"] = needs["budget"]
    return table


def observed_defaults(world) -> dict:
    """The world's own numbers: the goal, the plan inputs and last quarter's _inbound volumes."""
    inputs = {k: (0.01 if math.isnan(v) or v <= 0 else v) for k, v in _plan_inputs(world).items()}
    quarter = _last_complete_quarter(world.reference_date)
    observed = _observed_volumes(_inbound(world.leads), world.opportunities, quarter)
    return {"goal": _revenue_goal(world), "inputs": inputs, "observed": observed, "quarter": str(quarter)}


def _describe(table: pd.DataFrame) -> str:
    """The plan in whole deals, opportunities, MQLs and leads, each rounded up: 12.1 deals
    needed is 13 deals to win, never 12 (which would miss the goal)."""
    whole = {stage: f"{math.ceil(table.needed[stage] - 1e-9):,}" for stage in ("deals", "opportunities", "mqls", "leads")}
    return (f"<b>Needed:</b> {whole['deals']} deals, {whole['opportunities']} opportunities, "
            f"{whole['mqls']} MQLs, {whole['leads']} leads &nbsp; "
            f"<b>Budget:</b> ${table.attrs['budget']:,.0f}")


def _draw(table: pd.DataFrame, quarter: str):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.2))
    stages = list(table.index)[::-1]
    ax.barh(stages, table.observed[stages], color="#dddddd", label=f"observed {quarter}")
    ax.barh(stages, table.needed[stages], height=0.5, color="#2b7bb9", label="plan needs")
    ax.set_xscale("log")
    ax.set_xlabel("per quarter (log scale)")
    ax.set_title("The plan against last quarter")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def reverse_funnel_planner(world=None, defaults: dict | None = None):
    """The widget: sliders for the goal, the rates, the average deal and the cost per lead.

    Pass the world (defaults are its observed numbers) or ``defaults`` directly, shaped as
    ``observed_defaults`` returns them.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    if defaults is None:
        if world is None:
            raise ValueError("give the world (reverse_funnel_planner(world)) or defaults")
        defaults = observed_defaults(world)
    start = defaults["inputs"]
    style = {"description_width": "150px"}
    layout = widgets.Layout(width="480px")
    goal = widgets.FloatSlider(value=defaults["goal"], min=0, max=max(1e5, 3 * defaults["goal"]), step=max(1e3, round(defaults["goal"] / 100, -3)),
                               readout_format=",.0f", description="Revenue goal ($)", style=style, layout=layout, continuous_update=False)
    # ".1%": the readout shows the observed 23.7% the plan uses, not a rounded 24%
    rates = {key: widgets.FloatSlider(value=round(start[key], 3), min=0.01, max=1.0, step=0.01, readout_format=".1%",
                                      description=label, style=style, layout=layout, continuous_update=False)
             for key, label in RATE_LABELS.items()}
    deal = widgets.FloatSlider(value=round(start["average_deal"], -2), min=1000, max=max(1e4, 3 * start["average_deal"]), step=500,
                               readout_format=",.0f", description="Average won deal ($)", style=style, layout=layout, continuous_update=False)
    cpl = widgets.FloatSlider(value=round(start["cost_per_lead"], 1), min=1, max=max(100, 3 * start["cost_per_lead"]), step=1,
                              readout_format=",.0f", description="Cost per lead ($)", style=style, layout=layout, continuous_update=False)
    summary = widgets.HTML()
    chart = widgets.Output()

    def redraw(_=None):
        inputs = {**{k: w.value for k, w in rates.items()}, "average_deal": deal.value, "cost_per_lead": cpl.value}
        table = plan_table(goal.value, inputs, defaults["observed"])
        summary.value = _describe(table)
        with chart:
            chart.clear_output(wait=True)
            fig = _draw(table, defaults.get("quarter", "last quarter"))
            display(fig)
            plt.close(fig)

    for slider in [goal, deal, cpl, *rates.values()]:
        slider.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HTML("<b>Reverse-funnel planner</b>: move the goal or a rate and see what each stage must deliver."),
                        goal, *rates.values(), deal, cpl, summary, chart])
    box.add_class("crosstrain-reverse-funnel")
    return box
