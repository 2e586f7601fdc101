"""The cohort report: one self-contained HTML page a trainer opens after grading.

Score distribution, per-exercise difficulty, a learner x objective competency matrix
(objectives and their exercises from ``course/syllabus.yml``), and the list of
submissions flagged for review with their reasons. Plots are PNGs embedded in the page.
"""

from __future__ import annotations

import base64
import html
import io
from datetime import datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first
import numpy as np  # noqa: E402

from crosstrain.course.atomic import write_text_atomic  # noqa: E402
from crosstrain.grading.export import Sheet  # noqa: E402


def objectives_of(course_root: Path, assignment: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(id, text, exercises) of the assignment's objectives; empty if the syllabus lacks it."""
    from crosstrain.course.syllabus import load_syllabus
    from crosstrain.errors import CrosstrainError

    try:
        module = load_syllabus(course_root).module(assignment)
    except (CrosstrainError, OSError):
        return []
    return [(o.id, o.text, tuple(o.exercises)) for o in module.objectives]


def competency(sheet: Sheet, objectives) -> np.ndarray:
    """Share of each objective's points each graded learner earned (NaN: not graded yet)."""
    rows = [r for r in sheet.rows if r.score is not None]
    matrix = np.full((len(rows), len(objectives)), np.nan)
    for i, row in enumerate(rows):
        for j, (_, _, exercises) in enumerate(objectives):
            names = [e for e in exercises if e in sheet.max_points]
            scores = [row.cells.get(e) for e in names]
            if names and all(s is not None for s in scores):
                matrix[i, j] = sum(scores) / sum(sheet.max_points[e] for e in names)
    return matrix


def write_report(sheet: Sheet, objectives, path: Path, summary_lines: list[str]) -> Path:
    graded = [r for r in sheet.rows if r.score is not None]
    parts = [
        f"<h1>Cohort report: {html.escape(sheet.assignment)}</h1>",
        f"<p>{len(graded)} learners graded; generated {datetime.now():%Y-%m-%d %H:%M}.</p>",
        "<pre>" + html.escape("\n".join(summary_lines)) + "</pre>",
    ]
    if graded:
        parts += [
            "<h2>Score distribution</h2>", _img(_distribution(graded)),
            "<h2>Exercise difficulty</h2><p>Average share of each exercise's points earned; "
            "low bars are the exercises to revisit in the workshop.</p>", _img(_difficulty(sheet, graded)),
        ]
        if objectives:
            matrix = competency(sheet, objectives)
            parts += ["<h2>Competency by objective</h2>", _img(_matrix(matrix, graded, objectives)),
                      "<ul>" + "".join(f"<li><b>{html.escape(o)}</b>: {html.escape(t)} ({', '.join(e)})</li>"
                                       for o, t, e in objectives) + "</ul>"]
    flagged = [r for r in sheet.rows if r.flags]
    parts.append("<h2>Flagged for review</h2>")
    if flagged:
        parts.append("<table><tr><th>Learner</th><th>Status</th><th>Reasons</th></tr>" + "".join(
            f"<tr><td>{html.escape(r.learner)}</td><td>{html.escape(r.status)}</td><td><ul>"
            + "".join(f"<li>{html.escape(f)}</li>" for f in r.flags) + "</ul></td></tr>" for r in flagged) + "</table>")
    else:
        parts.append("<p>Nothing flagged.</p>")
    page = (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(sheet.assignment)}: cohort report</title><style>"
        "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;text-align:left}"
        "img{max-width:100%}</style></head><body>" + "\n".join(parts) + "</body></html>"
    )
    write_text_atomic(Path(path), page)
    Path(path).chmod(0o644)
    return Path(path)


def _img(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return f"<img alt='plot' src='data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}'>"


def _distribution(rows):
    fig, ax = plt.subplots(figsize=(6, 2.8))
    ax.hist([r.percent for r in rows], bins=np.linspace(0, 100, 11), color="#4c72b0", edgecolor="white")
    ax.set(xlabel="score (% of points)", ylabel="learners", xlim=(0, 100))
    return fig


def _difficulty(sheet: Sheet, rows):
    shares = []
    for column in sheet.columns:
        got = [r.cells.get(column) for r in rows]
        pending = any(g is None for g in got) or not sheet.max_points[column]
        shares.append(np.nan if pending else np.mean(got) / sheet.max_points[column])
    fig, ax = plt.subplots(figsize=(6, 0.4 * len(sheet.columns) + 1))
    ax.barh(sheet.columns[::-1], shares[::-1], color="#55a868")
    ax.set(xlim=(0, 1), xlabel="average share of points earned (grey: awaiting manual grading)")
    for y, share in enumerate(shares[::-1]):
        if np.isnan(share):
            ax.barh(y, 1, color="#dddddd")
    return fig


def _matrix(matrix, rows, objectives):
    fig, ax = plt.subplots(figsize=(1.2 * len(objectives) + 2, 0.3 * len(rows) + 1.5))
    shown = np.ma.masked_invalid(matrix)
    cmap = plt.get_cmap("RdYlGn").copy()
    cmap.set_bad("#dddddd")
    image = ax.imshow(shown, cmap=cmap, vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(objectives)), [o for o, _, _ in objectives], rotation=30, ha="right")
    ax.set_yticks(range(len(rows)), [r.learner for r in rows])
    fig.colorbar(image, ax=ax, label="share of the objective's points")
    return fig
