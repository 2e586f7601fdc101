"""The cohort report: one self-contained HTML page a trainer opens after grading, and shares.

Score distribution, per-exercise difficulty (each exercise by its title), a learner x
objective competency matrix (objectives and their exercises from ``course/syllabus.yml``),
the hand-ins that could not be graded (apart, with the reason: they are not learners who
scored zero, so no chart counts them) and those flagged for review. The page is meant to be
passed around: it names files, never where they sit on this machine.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

import nbformat
import numpy as np

from crosstrain.course.atomic import write_text_atomic
from crosstrain.grading import charts
from crosstrain.grading.export import Row, Sheet

NOT_GRADED = "not graded"
_HEADING = re.compile(r"^\s*#{1,6}\s+(.+?)\s*$", re.MULTILINE)
_ABSOLUTE = re.compile(r"(?<![\w.~])(?:/[^\s/'\"<>:;,()]+)+/([^\s/'\"<>:;,()]+)")
CSS = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;overflow-wrap:anywhere}"
    "table{border-collapse:collapse;max-width:100%}"
    "td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;text-align:left}"
    "th,td:first-child,td:nth-child(2){overflow-wrap:normal;white-space:nowrap}"
    "svg{max-width:100%;height:auto}ul.summary{padding-left:1.2em}"
)


def objectives_of(course_root: Path, assignment: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(id, text, exercises) of the assignment's objectives; empty if the syllabus lacks it."""
    from crosstrain.course.syllabus import load_syllabus
    from crosstrain.errors import CrosstrainError

    try:
        module = load_syllabus(course_root).module(assignment)
    except (CrosstrainError, OSError):
        return []
    return [(o.id, o.text, tuple(o.exercises)) for o in module.objectives]


def exercise_titles(course_root: Path, assignment: str) -> dict[str, str]:
    """Grade id -> the heading of the notebook section it sits in, from the release."""
    titles: dict[str, str] = {}
    for path in sorted((Path(course_root) / "release" / assignment).glob("*.ipynb")):
        try:
            cells = nbformat.read(path, as_version=4).cells
        except Exception:  # noqa: BLE001 - a damaged release only costs the titles
            continue
        heading = ""
        for cell in cells:
            if cell.cell_type == "markdown":
                found = _HEADING.findall(cell.source)
                heading = found[-1] if found else heading
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id and heading:
                titles.setdefault(grade_id, heading)
    return titles


def without_paths(text: str) -> str:
    """``text`` with every absolute path cut to its last part (a file or folder name)."""
    return _ABSOLUTE.sub(lambda m: m.group(1), text)


def split(sheet: Sheet) -> tuple[list[Row], list[Row]]:
    """(graded learners, hand-ins that could not be graded)."""
    apart = [r for r in sheet.rows if r.status == NOT_GRADED]
    return [r for r in sheet.rows if r.status != NOT_GRADED and r.score is not None], apart


def competency(sheet: Sheet, objectives, rows: list[Row] | None = None) -> np.ndarray:
    """Share of each objective's points each graded learner earned (NaN: not graded yet)."""
    rows = split(sheet)[0] if rows is None else rows
    values = np.full((len(rows), len(objectives)), np.nan)
    for i, row in enumerate(rows):
        for j, (_, _, exercises) in enumerate(objectives):
            names = [e for e in exercises if e in sheet.max_points]
            scores = [row.cells.get(e) for e in names]
            if names and all(s is not None for s in scores):
                values[i, j] = sum(scores) / sum(sheet.max_points[e] for e in names)
    return values


def difficulty_shares(sheet: Sheet, rows: list[Row]) -> list[float]:
    shares = []
    for column in sheet.columns:
        got = [r.cells.get(column) for r in rows]
        pending = any(g is None for g in got) or not sheet.max_points[column]
        shares.append(np.nan if pending else float(np.mean(got)) / sheet.max_points[column])
    return shares


def write_report(sheet: Sheet, objectives, path: Path, summary_lines: list[str],
                 titles: dict[str, str] | None = None) -> Path:
    titles = titles or {}
    graded, apart = split(sheet)
    esc = lambda text: html.escape(without_paths(str(text)))  # noqa: E731
    parts = [
        f"<h1>Cohort report: {esc(sheet.assignment)}</h1>",
        f"<p>{len(graded)} learner{'s' * (len(graded) != 1)} graded"
        + (f"; {len(apart)} hand-in{'s' * (len(apart) != 1)} could not be graded (listed apart, left out of the charts)" if apart else "")
        + f"; generated {datetime.now():%Y-%m-%d %H:%M}.</p>",
        "<ul class='summary'>" + "".join(f"<li>{esc(line.strip())}</li>" for line in summary_lines) + "</ul>",
    ]
    if apart:
        parts += ["<h2>Could not be graded</h2><p>These hand-ins could not be read: they are not scores. "
                  "Ask each learner to hand in again, then grade again.</p>", _table(apart, esc)]
    if graded:
        labels = [f"{c} · {titles[c]}" if c in titles else c for c in sheet.columns]
        parts += [
            "<h2>Score distribution</h2>", charts.svg(charts.distribution([r.percent for r in graded])),
            "<h2>Exercise difficulty</h2><p>Average share of each exercise's points earned; "
            "low bars are the exercises to revisit in the workshop.</p>",
            charts.svg(charts.difficulty(labels, difficulty_shares(sheet, graded))),
        ]
        if objectives:
            parts += ["<h2>Competency by objective</h2>",
                      charts.svg(charts.matrix(competency(sheet, objectives, graded), [r.learner for r in graded],
                                               [o for o, _, _ in objectives])),
                      "<ul>" + "".join(f"<li><b>{esc(o)}</b>: {esc(t)} ({esc(', '.join(e))})</li>"
                                       for o, t, e in objectives) + "</ul>"]
    flagged = [r for r in graded if r.flags]
    parts.append("<h2>Flagged for review</h2>")
    parts.append(_table(flagged, esc) if flagged else "<p>Nothing flagged.</p>")
    page = (f"<!doctype html><html><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{esc(sheet.assignment)}: cohort report</title><style>{CSS}</style></head><body>"
            + "\n".join(parts) + "</body></html>")
    write_text_atomic(Path(path), page)
    Path(path).chmod(0o644)
    return Path(path)


def _table(rows: list[Row], esc) -> str:
    return ("<table><tr><th>Learner</th><th>Status</th><th>Reasons</th></tr>" + "".join(
        f"<tr><td>{esc(r.learner)}</td><td>{esc(r.status)}</td><td><ul>"
        + "".join(f"<li>{esc(f)}</li>" for f in r.flags) + "</ul></td></tr>" for r in rows) + "</table>")
