"""A rubric two trainers apply the same way: one level for every score from 0 to the
written answer's points, each with a descriptor and an example answer.

A rubric (``graders/<module>/rubrics/<name>.md``) opens with ``# Rubric: <name> (N points)``
and holds a ``## Levels`` table, ``| Score | The answer... | Example answer |``. Criteria
tables above it say how the points are earned; the levels say what each total looks like,
so a trainer can check a mark against an example. Half-point levels are allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TITLE = re.compile(r"^# Rubric: (?P<name>[a-z][a-z0-9_]*) \((?P<points>[\d.]+) points?\)\s*$")
LEVELS = "## Levels"


@dataclass(frozen=True)
class Level:
    score: float
    descriptor: str
    example: str


def title(text: str) -> tuple[str, float] | None:
    """The rubric's name and points from its first line, or None if the line is not a title."""
    match = _TITLE.match(text.splitlines()[0] if text else "")
    return (match["name"], float(match["points"])) if match else None


def levels(text: str) -> list[Level]:
    """The rows of the ``## Levels`` table, in order; [] without one."""
    if LEVELS not in text:
        return []
    found = []
    for line in text.split(LEVELS, 1)[1].splitlines():
        if line.startswith("## "):
            break
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] if line.startswith("|") else []
        if len(cells) == 3 and re.fullmatch(r"\d+(\.5)?", cells[0]):
            found.append(Level(float(cells[0]), cells[1], cells[2]))
    return found


def problems(path: Path, name: str, points: float) -> list[str]:
    """What keeps the rubric at ``path`` from covering scores 0 to ``points`` for ``name``."""
    where = f"graders/{Path(path).parent.parent.name}/rubrics/{Path(path).name}"
    if not Path(path).is_file():
        return [f"{where} is missing"]
    text = Path(path).read_text(encoding="utf-8")
    found = []
    head = title(text)
    if head != (name, float(points)):
        found.append(f"{where}: the first line must be '# Rubric: {name} ({points:g} points)' (the points of the answer in the notebook)")
    rows = levels(text)
    scores = [row.score for row in rows]
    wanted = [float(s) for s in range(int(points) + 1)]
    missing = [s for s in wanted if s not in scores]
    if missing:
        found.append(f"{where}: the {LEVELS} table has no level for {', '.join(f'{s:g}' for s in missing)} (every score from 0 to {points:g} needs one)")
    beyond = [s for s in scores if s > points]
    if beyond:
        found.append(f"{where}: levels above the {points:g} points: {', '.join(f'{s:g}' for s in beyond)}")
    if len(set(scores)) != len(scores):
        found.append(f"{where}: a score has two levels")
    found += [f"{where}: level {row.score:g} needs a descriptor and an example answer" for row in rows
              if len(row.descriptor) < 10 or len(row.example) < 10]
    return found
