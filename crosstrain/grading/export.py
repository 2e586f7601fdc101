"""The grade sheet: one row per learner and assignment, read back from the gradebook.

The gradebook is the truth (a trainer's manual grades in the formgrader count); the
ledger adds what the gradebook cannot hold: why a submission is flagged, and the
learners whose hand-in could not be graded at all.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from crosstrain.course.atomic import write_text_atomic
from crosstrain.grading.ledger import Ledger


@dataclass
class Row:
    """One learner's line on the grade sheet."""

    learner: str
    assignment: str
    status: str
    score: float | None = None
    max_score: float | None = None
    cells: dict[str, float | None] = field(default_factory=dict)   # grade_id -> score (None: not graded yet)
    needs_manual_grading: bool = False
    flags: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float | None:
        return None if not self.max_score or self.score is None else 100 * self.score / self.max_score


@dataclass
class Sheet:
    assignment: str
    columns: list[str]          # grade ids in notebook order
    max_points: dict[str, float]
    rows: list[Row]


def grade_sheet(db_url: str, assignment: str, ledger: Ledger) -> Sheet:
    with Gradebook(db_url) as gb:
        record = gb.find_assignment(assignment)
        columns, max_points = [], {}
        for notebook in record.notebooks:
            for cell in sorted(notebook.grade_cells, key=_order(notebook)):
                columns.append(cell.name)
                max_points[cell.name] = float(cell.max_score)
        rows = []
        for sub in record.submissions:
            entry = ledger.get(sub.student.id)
            cells = {}
            needs_manual = False
            for nb in sub.notebooks:
                for grade in nb.grades:
                    cells[grade.name] = None if grade.needs_manual_grade else float(grade.score)
                    needs_manual |= bool(grade.needs_manual_grade)
            rows.append(Row(sub.student.id, assignment, entry.status if sub.student.id in ledger.entries else "graded",
                            float(sub.score), float(sub.max_score), cells, needs_manual, list(entry.flags)))
    graded = {row.learner for row in rows}
    for learner, entry in ledger.entries.items():
        if learner not in graded:
            rows.append(Row(learner, assignment, entry.status, flags=list(entry.flags)))
    return Sheet(assignment, columns, max_points, sorted(rows, key=lambda r: r.learner))


def _order(notebook):
    position = {cell.name: i for i, cell in enumerate(notebook.source_cells)}
    return lambda cell: position.get(cell.name, len(position))


def write_csv(sheet: Sheet, path: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["learner", "assignment", "status", "score", "max_score", "percent",
                     *[f"{c} (of {sheet.max_points[c]:g})" for c in sheet.columns], "needs_manual_grading", "flags"])
    for row in sheet.rows:
        writer.writerow([
            row.learner, row.assignment, row.status, _num(row.score), _num(row.max_score), _num(row.percent, 1),
            *[_num(row.cells.get(c)) for c in sheet.columns],
            "yes" if row.needs_manual_grading else "no", " | ".join(row.flags),
        ])
    write_text_atomic(Path(path), buffer.getvalue())
    Path(path).chmod(0o644)
    return Path(path)


def _num(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{round(value, digits):g}"
