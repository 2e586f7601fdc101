"""The cohort report's charts, as inline SVG: text stays text, sharp at any zoom.

Counts of learners are whole numbers on every axis, and exercise bars carry the
exercise's title from the notebook, not only its grade id.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first
import numpy as np  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

LABEL_WIDTH = 34  # characters per line of an exercise label


def svg(fig) -> str:
    """The figure as an ``<svg>`` element for an HTML page (fonts left to the browser)."""
    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def distribution(percents: list[float]):
    fig, ax = plt.subplots(figsize=(6, 2.8))
    ax.hist(percents, bins=np.linspace(0, 100, 11), color="#4c72b0", edgecolor="white")
    ax.set(xlabel="score (% of points)", ylabel="learners", xlim=(0, 100))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    ax.set_ylim(0, max(1, ax.get_ylim()[1]))
    return fig


def difficulty(labels: list[str], shares: list[float]):
    """Horizontal bars of the share of points earned; NaN shares are drawn grey (pending)."""
    wrapped = [textwrap.fill(label, LABEL_WIDTH) for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped)
    fig, ax = plt.subplots(figsize=(7.5, 0.3 * lines + 0.25 * len(labels) + 1))
    positions = np.arange(len(labels))[::-1]
    ax.barh(positions, [0 if np.isnan(s) else s for s in shares], color="#55a868")
    for y, share in zip(positions, shares):
        if np.isnan(share):
            ax.barh(y, 1, color="#dddddd")
    ax.set_yticks(positions, wrapped)
    ax.set(xlim=(0, 1), xlabel="average share of points earned (grey: awaiting manual grading)")
    return fig


def matrix(values: np.ndarray, learners: list[str], objectives: list[str]):
    fig, ax = plt.subplots(figsize=(1.2 * len(objectives) + 2, 0.3 * len(learners) + 1.5))
    cmap = plt.get_cmap("RdYlGn").with_extremes(bad="#dddddd")
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(objectives)), objectives, rotation=30, ha="right")
    ax.set_yticks(range(len(learners)), learners)
    fig.colorbar(image, ax=ax, label="share of the objective's points")
    return fig
