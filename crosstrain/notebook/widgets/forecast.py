"""Explore this quarter's forecast: pick a segment, set the win rate, optionally drop the
deals that slipped twice or more, and see whether the pipeline covers what is left of the
quota.

The numbers come from ``forecast_view``, a pure function built on module 06's graded
formulas (open pipeline closing this quarter, remaining quota, coverage needed =
1 / win rate, the commit and best-case roll-up), so the chart shows what the exercises grade.

    from crosstrain.notebook.widgets.forecast import forecast_explorer
    forecast_explorer(world)
"""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.pipeline.formulas import (
    bookings_so_far as _bookings_so_far,
)
from crosstrain.notebook.exercises.pipeline.formulas import (
    open_this_quarter as _open_this_quarter,
)
from crosstrain.notebook.exercises.pipeline.formulas import (
    recent_closed as _recent_closed,
)
from crosstrain.notebook.exercises.pipeline.formulas import (
    weighted_pipeline as _weighted_pipeline,
)
from crosstrain.notebook.exercises.pipeline.formulas import (
    win_rate_by_value as _win_rate_by_value,
)
from crosstrain.notebook.exercises.pipeline.formulas import (
    with_slips as _with_slips,
)
from crosstrain.world.schema import new_business as _new_business

SEGMENTS = ("all", "smb", "mid_market", "enterprise")
BARS = ("remaining quota", "commit", "best case", "weighted pipeline", "open pipeline", "pipeline needed")


def _in_segment(frame: pd.DataFrame, segment: str) -> pd.DataFrame:
    return frame if segment == "all" else frame[frame.segment == segment]


def recent_win_rate(deals: pd.DataFrame, reference_date, segment: str = "all") -> float:
    """The segment's win rate by value over deals closed in the last 365 days (the default
    of the slider); 0.2 if the segment closed nothing in that window."""
    done = _recent_closed(_in_segment(deals, segment), reference_date)
    rate = _win_rate_by_value(done) if len(done) else 0.0
    return rate if rate > 0 else 0.2


def forecast_view(deals: pd.DataFrame, history: pd.DataFrame, users: pd.DataFrame, reference_date,
                  segment: str = "all", win_rate: float | None = None, drop_slipped: bool = False) -> dict:
    """This quarter for one segment: dollars for each bar, plus coverage and coverage needed.

    ``drop_slipped`` leaves the open deals that slipped twice or more out of the pipeline
    and the roll-up, the way a cautious manager reads a forecast.
    """
    if segment not in SEGMENTS:
        raise KeyError(f"unknown segment '{segment}': choose one of {', '.join(SEGMENTS)}")
    deals = _in_segment(deals, segment)
    aes = _in_segment(users[users.role == "ae"], segment)
    rate = recent_win_rate(deals, reference_date) if win_rate is None else float(win_rate)
    pipe = _open_this_quarter(_with_slips(deals, history), reference_date)
    if drop_slipped:
        pipe = pipe[pipe.slips < 2]
    booked = _bookings_so_far(deals, reference_date)
    remaining = float(aes.quarterly_quota.sum()) - booked
    commit = booked + float(pipe.loc[pipe.forecast_category == "commit", "amount"].sum())
    best_case = commit + float(pipe.loc[pipe.forecast_category == "best_case", "amount"].sum())
    open_pipeline = float(pipe.amount.sum())
    bars = dict(zip(BARS, (remaining, commit, best_case, _weighted_pipeline(pipe), open_pipeline, remaining / rate)))
    return {"bars": bars, "win_rate": rate, "coverage": open_pipeline / remaining if remaining > 0 else float("inf"),
            "coverage_needed": 1 / rate}


def plot_view(view: dict, title: str = "", ax=None):
    """A horizontal bar chart of the view's dollars, the remaining quota marked; returns the Axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.4))
    bars = pd.Series(view["bars"])
    colors = ["#6b7280", "#15803d", "#65a30d", "#2563eb", "#1d4ed8", "#c2410c"]
    ax.barh(bars.index[::-1], bars.values[::-1], color=colors[::-1])
    ax.axvline(view["bars"]["remaining quota"], color="black", linestyle="--", linewidth=1)
    for y, value in enumerate(bars.values[::-1]):
        ax.annotate(f"${value:,.0f}", (value, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    verdict = "covered" if view["coverage"] >= view["coverage_needed"] else "NOT covered"
    ax.set_title(f"{title}coverage {view['coverage']:.1f}x vs needed {view['coverage_needed']:.1f}x "
                 f"(1 / {view['win_rate']:.0%}): {verdict}", fontsize=10)
    ax.margins(x=0.2)
    return ax


def forecast_explorer(world):
    """The widget: segment dropdown, win-rate slider and a slipped-deals checkbox above the chart."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    # new business, as module 06 grades it: the AEs' quota covers no expansion deal
    deals, history, users, today = _new_business(world.opportunities), world.opportunity_history, world.users, world.reference_date
    segment = widgets.Dropdown(options=list(SEGMENTS), value="all", description="Segment")
    rate = widgets.FloatSlider(value=round(recent_win_rate(deals, today), 2), min=0.05, max=0.6, step=0.01,
                               description="Win rate", readout_format=".0%")
    drop = widgets.Checkbox(value=False, description="leave out deals that slipped twice or more", indent=False,
                            layout=widgets.Layout(width="auto"))  # the whole label, not its first 20 characters
    out = widgets.Output()

    def reset_rate(*_):
        rate.value = round(recent_win_rate(deals, today, segment.value), 2)

    def redraw(*_):
        with out:
            out.clear_output(wait=True)
            view = forecast_view(deals, history, users, today, segment.value, rate.value, drop.value)
            fig, ax = plt.subplots(figsize=(7, 3.4))
            plot_view(view, f"{segment.value}: ", ax)
            fig.tight_layout()
            display(fig)
            plt.close(fig)

    segment.observe(reset_rate, names="value")
    for control in (segment, rate, drop):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([segment, rate]), drop, out])
