"""A workshop roster: which team each learner is on, from a two-column CSV.

``learner_id,team`` with a header line. Every problem is one line naming the file and
line, because a facilitator fixes it in a spreadsheet minutes before the session.
"""

from __future__ import annotations

import csv
from pathlib import Path

from crosstrain.course.learners import LEARNER_ID
from crosstrain.errors import CrosstrainError

HEADER = ["learner_id", "team"]


def read_roster(path: Path | str) -> dict[str, str]:
    """``{learner_id: team}``; a duplicate, a bad id or a missing team is a one-line error."""
    path = Path(path)
    if not path.is_file():
        raise CrosstrainError(f"no roster at {path}: give --teams a CSV file with the columns learner_id,team")
    try:
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise CrosstrainError(f"{path} is not a readable CSV file ({type(exc).__name__}): save it as CSV (UTF-8)") from None
    if not rows or [c.strip().lower() for c in rows[0]] != HEADER:
        raise CrosstrainError(f"{path} line 1: the header must be exactly 'learner_id,team'")
    teams: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != 2:
            raise CrosstrainError(f"{path} line {number}: expected 2 columns (learner_id,team), found {len(row)}")
        learner, team = row[0].strip(), row[1].strip()
        if not LEARNER_ID.match(learner):
            raise CrosstrainError(f"{path} line {number}: '{learner}' is not a valid learner id (letters, digits, '.', '_', '@', '-')")
        if not team:
            raise CrosstrainError(f"{path} line {number}: learner '{learner}' has no team")
        if learner in teams:
            raise CrosstrainError(f"{path} line {number}: learner '{learner}' is listed twice (first on line {first_line[learner]})")
        teams[learner], first_line[learner] = team, number
    if not teams:
        raise CrosstrainError(f"{path} lists no learners: add one line per learner, learner_id,team")
    return teams
