"""A funnel simulator: move lead volume and stage rates, see won deals and revenue.

The point it makes in module 03: revenue is leads x every stage rate x the average
deal, so every lever multiplies. Doubling the leads doubles revenue; ten more points on
a step at rate r multiply it by (r + 0.10) / r, which beats doubling only on a step below
10%. On this world's handoff steps (40-80%) doubling wins on revenue, and the widget says
so (``lever_effects``); the lesson then asks what each lever costs. The chart is linear
(a log axis drew a doubled funnel as the same bars, shifted) and counts are whole. The
sliders start at the world's own observed rates (the mature cohort of
``crosstrain.notebook.exercises.funnel_handoff``) and its average won deal.

``simulate_funnel`` is the pure computation (unit-tested without a browser);
``funnel_simulator(world)`` wraps it in ipywidgets and redraws a matplotlib chart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from crosstrain.notebook.exercises.funnel_handoff.formulas import (
    COHORT_END,
    COHORT_START,
    STAGES,
    TRANSITIONS,
)
from crosstrain.notebook.exercises.funnel_handoff.formulas import (
    cohort_conversion as _cohort_conversion,
)
from crosstrain.notebook.exercises.funnel_handoff.formulas import (
    in_cohort as _in_cohort,
)
from crosstrain.notebook.exercises.funnel_handoff.formulas import (
    inbound as _inbound,
)
from crosstrain.world.schema import new_business

STEP_LABELS = {
    "lead_to_mql": "Lead → MQL",
    "mql_to_sal": "MQL → SAL",
    "sal_to_sql": "SAL → SQL",
    "sql_to_opportunity": "SQL → opportunity",
    "opportunity_to_won": "Opportunity → won",
}


def simulate_funnel(leads: float, rates: Mapping[str, float], avg_deal: float) -> pd.DataFrame:
    """Expected number of leads reaching each stage, and the revenue they bring.

    Each stage holds the previous stage times its stage-to-stage rate; revenue is the won
    deals times the average deal (won amount / won count). Returns one row per stage
    with ``count`` and, on the ``won`` row only, ``revenue``.
    """
    if leads < 0 or avg_deal < 0:
        raise ValueError("lead volume and average deal cannot be negative")
    counts = [float(leads)]
    for step in TRANSITIONS:
        rate = float(rates[step])
        if not 0 <= rate <= 1:
            raise ValueError(f"the rate of {step} is {rate}: a rate is between 0 and 1")
        counts.append(counts[-1] * rate)
    table = pd.DataFrame({"count": counts}, index=pd.Index(STAGES, name="stage"))
    table["revenue"] = 0.0
    table.loc["won", "revenue"] = counts[-1] * float(avg_deal)
    return table


def observed_defaults(world) -> dict:
    """The world's own numbers: _inbound leads per quarter, cohort rates, average won deal (a
    new-business one: the funnel's leads make new business; expansions are module 09's)."""
    cohort = _in_cohort(_inbound(world.leads))
    quarters = (COHORT_END - COHORT_START).days / 91.3
    deals = world.opportunities
    deals = new_business(deals)
    won = deals.loc[deals.is_won.fillna(False).astype(bool), "amount"]
    rates = {step: (0.0 if math.isnan(r) else round(r, 3)) for step, r in _cohort_conversion(world).items()}
    return {"leads": int(round(len(cohort) / quarters, -2)), "rates": rates,
            "avg_deal": float(round(won.mean(), -3)) if len(won) else 10_000.0}


#: The handoff steps module 03's "leakiest step" is chosen from (its exercise 3).
HANDOFF = ("mql_to_sal", "sal_to_sql", "sql_to_opportunity")
LIFT = 0.10  # "ten points"


def lever_effects(rates: Mapping[str, float]) -> dict[str, float]:
    """Revenue multiplier of each lever the lesson compares: doubling the leads, and ten more
    points on the leakiest handoff step (capped at 100%)."""
    step = min(HANDOFF, key=lambda s: rates[s])
    rate = float(rates[step])
    lifted = min(1.0, rate + LIFT)
    return {"double the leads": 2.0,
            f"+10 points on {STEP_LABELS[step]}": (lifted / rate) if rate > 0 else math.inf}


def _describe(table: pd.DataFrame, baseline: pd.DataFrame, rates: Mapping[str, float]) -> str:
    won, revenue = table.loc["won", "count"], table.loc["won", "revenue"]
    change = revenue / baseline.loc["won", "revenue"] if baseline.loc["won", "revenue"] else math.nan
    levers = " &nbsp;·&nbsp; ".join(f"{name}: revenue ×{factor:.2f}" for name, factor in lever_effects(rates).items())
    return (f"<b>Won deals:</b> {won:,.0f} per quarter &nbsp; <b>Revenue:</b> ${revenue:,.0f}"
            f" ({'×' + format(change, '.2f') if math.isfinite(change) else 'n/a'} the observed)"
            f" &nbsp; (SQLs: {table.loc['sql', 'count']:,.0f}, opportunities: {table.loc['opportunity', 'count']:,.0f})"
            f"<br><b>From here:</b> {levers}")


def _draw(table: pd.DataFrame, baseline: pd.DataFrame):
    """Left, the funnel on a linear axis with whole counts; right, revenue against the observed."""
    import matplotlib.pyplot as plt

    fig, (ax, money) = plt.subplots(1, 2, figsize=(9, 3.2), gridspec_kw={"width_ratios": [3, 1.3]})
    stages = list(table.index)[::-1]
    ax.barh(stages, baseline["count"][stages], color="#dddddd", label="observed")
    ax.barh(stages, table["count"][stages], height=0.5, color="#2b7bb9", label="your scenario")
    for y, stage in enumerate(stages):
        ax.annotate(f"{table.loc[stage, 'count']:,.0f}", (max(table.loc[stage, "count"], baseline.loc[stage, "count"]), y),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlabel("leads reaching the stage per quarter")
    ax.margins(x=0.15)
    ax.legend(loc="lower right", fontsize=8)
    revenue = [baseline.loc["won", "revenue"], table.loc["won", "revenue"]]
    money.bar(["observed", "scenario"], revenue, color=["#dddddd", "#2b7bb9"])
    for x, value in enumerate(revenue):
        money.annotate(f"${value / 1e6:,.2f}M", (x, value), xytext=(0, 2), textcoords="offset points", ha="center", fontsize=8)
    money.set_title("Revenue per quarter", fontsize=10)
    money.set_yticks([])
    money.margins(y=0.15)
    fig.tight_layout()
    return fig


def funnel_simulator(world=None, defaults: dict | None = None):
    """The widget: a slider per input, a summary line and a funnel chart that redraw on change.

    Pass the world (defaults are its observed numbers) or ``defaults`` directly
    (``{"leads": ..., "rates": {step: rate}, "avg_deal": ...}``).
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    if defaults is None:
        if world is None:
            raise ValueError("give the world (funnel_simulator(world)) or defaults")
        defaults = observed_defaults(world)
    style = {"description_width": "150px"}
    layout = widgets.Layout(width="480px")
    volume = widgets.IntSlider(value=defaults["leads"], min=0, max=max(1000, 4 * defaults["leads"]), step=100, readout_format=",d",
                               description="Leads per quarter", style=style, layout=layout, continuous_update=False)
    rates = {step: widgets.FloatSlider(value=defaults["rates"][step], min=0.0, max=1.0, step=0.01, readout_format=".0%",
                                       description=STEP_LABELS[step], style=style, layout=layout, continuous_update=False)
             for step in TRANSITIONS}
    deal = widgets.IntSlider(value=int(defaults["avg_deal"]), min=1000, max=max(10_000, int(4 * defaults["avg_deal"])), step=1000, readout_format=",d",
                             description="Average deal ($)", style=style, layout=layout, continuous_update=False)
    reset = widgets.Button(description="Back to observed", icon="undo", layout=widgets.Layout(width="auto"))
    summary = widgets.HTML()
    chart = widgets.Output()
    baseline = simulate_funnel(defaults["leads"], defaults["rates"], defaults["avg_deal"])

    resetting = []  # non-empty while the reset button moves every slider: redraw once

    def redraw(_=None):
        if resetting:
            return
        table = simulate_funnel(volume.value, {s: w.value for s, w in rates.items()}, deal.value)
        summary.value = _describe(table, baseline, {s: w.value for s, w in rates.items()})
        with chart:
            chart.clear_output(wait=True)
            fig = _draw(table, baseline)
            display(fig)
            plt.close(fig)

    def back_to_observed(_):
        resetting.append(True)
        try:
            volume.value = defaults["leads"]
            deal.value = int(defaults["avg_deal"])
            for step, slider in rates.items():
                slider.value = defaults["rates"][step]
        finally:
            resetting.clear()
        redraw()

    for slider in [volume, deal, *rates.values()]:
        slider.observe(redraw, names="value")
    reset.on_click(back_to_observed)
    redraw()
    box = widgets.VBox([widgets.HTML("<b>Funnel simulator</b>: move a slider and watch won deals and revenue."),
                        volume, *rates.values(), deal, widgets.HBox([reset]), summary, chart])  # HBox: the button as wide as its label
    box.add_class("crosstrain-funnel-simulator")
    return box
