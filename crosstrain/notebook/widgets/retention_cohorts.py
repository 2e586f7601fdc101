"""A retention cohort explorer: each start-quarter cohort's ARR, quarter by quarter.

The point it makes in module 09: net retention can rise above 100% while customers leave
(expansion hides churn), gross retention cannot, and logo retention counts customers, not
revenue. Pick a segment and a measure; each line is a cohort of customers who started in
the same quarter, followed at every quarter end since.

``cohort_curves`` is the pure computation (unit-tested without a browser);
``retention_explorer(world)`` wraps it in ipywidgets and redraws a matplotlib chart.
"""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.retention.formulas import arr_at as _arr_at

MEASURES = {"net": "Net revenue (expansion counts)", "gross": "Gross revenue (only losses count)",
            "logos": "Logos (customers still active)"}
SEGMENT_CHOICES = ("all", "smb", "mid_market", "enterprise")


def cohort_curves(world, segment: str = "all", measure: str = "net") -> pd.DataFrame:
    """Rows: start-quarter cohorts; columns: quarters since the start (0 is the start
    quarter's end, the reference date for the quarter still running); values: the
    cohort's retained share of its starting ARR (or of its customers, for logos)."""
    if measure not in MEASURES:
        raise ValueError(f"measure '{measure}' is not one of {', '.join(MEASURES)}")
    subs = world.subscriptions
    if segment != "all":
        subs = subs[subs.segment == segment]
    events = world.subscription_events[world.subscription_events.subscription_id.isin(subs.subscription_id)]
    cohort = subs.start_date.dt.to_period("Q")
    start = subs.set_index("subscription_id").arr_start
    rows = {}
    for quarter in sorted(cohort.unique()):
        ids = subs.subscription_id[cohort == quarter]
        row, age = {}, 0
        while (quarter + age).start_time <= world.reference_date:
            arr = _arr_at(events, min((quarter + age).end_time.normalize(), world.reference_date)).reindex(ids, fill_value=0.0)
            base = start.reindex(ids)
            if measure == "logos":
                row[age] = float((arr > 0).mean())
            else:
                kept = arr.clip(upper=base) if measure == "gross" else arr
                row[age] = float(kept.sum() / base.sum())
            age += 1
        rows[str(quarter)] = row
    return pd.DataFrame.from_dict(rows, orient="index").sort_index()


def _draw(curves: pd.DataFrame, title: str):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.2))
    for cohort, row in curves.iterrows():
        ax.plot(row.dropna().index, row.dropna().values, marker="o", label=cohort)
    ax.axhline(1, color="grey", ls="--")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel("quarters since the start")
    ax.set_title(title)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    return fig


def retention_explorer(world):
    """The widget: a segment and a measure; one line per start-quarter cohort."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    segment = widgets.Dropdown(options=SEGMENT_CHOICES, value="all", description="Segment")
    measure = widgets.Dropdown(options=[(label, key) for key, label in MEASURES.items()], value="net", description="Measure")
    summary = widgets.HTML()
    chart = widgets.Output()

    def redraw(_=None):
        curves = cohort_curves(world, segment.value, measure.value)
        latest = curves.apply(lambda row: row.dropna().iloc[-1], axis=1)
        summary.value = (f"<b>{len(curves)} cohorts.</b> Oldest ({curves.index[0]}) now at {latest.iloc[0]:.0%}; "
                         f"the lowest today: {latest.idxmin()} at {latest.min():.0%}.")
        with chart:
            chart.clear_output(wait=True)
            fig = _draw(curves, f"{MEASURES[measure.value]}, {segment.value}")
            display(fig)
            plt.close(fig)

    segment.observe(redraw, names="value")
    measure.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HTML("<b>Retention cohort explorer</b>: each line is the customers who started in one quarter."),
                        widgets.HBox([segment, measure]), summary, chart])
    box.add_class("crosstrain-retention-cohorts")
    return box
