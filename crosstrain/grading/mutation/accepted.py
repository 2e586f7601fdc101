"""Surviving mutants a module accepts: answers the lesson allows, each with the reason.

``graders/NN-slug/mutants.yml`` (optional) lists them::

    - exercise: q7
      change: "median -> mean"            # the operator's description, as the report prints it
      statement: "cycle = days.mean()"    # the mutated statement, as the report prints it
      why: the lesson accepts the mean cycle as well (section 3 says so)

An accepted mutant is not counted, like an equivalent one. One that is no longer
generated or no longer survives is a problem, so the list cannot go stale silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from crosstrain.errors import CrosstrainError
from crosstrain.paths import GRADERS_DIR

FILE = "mutants.yml"
_KEYS = {"exercise", "change", "statement", "why"}


@dataclass(frozen=True)
class Acceptance:
    exercise: str
    change: str
    statement: str
    why: str

    def matches(self, exercise: str, change: str, statement: str) -> bool:
        return (self.exercise, self.change, flat(self.statement)) == (exercise, change, flat(statement))


def accepted(module_id: str, graders_dir: Path = GRADERS_DIR) -> list[Acceptance]:
    """The module's accepted mutants (none without a ``mutants.yml``)."""
    path = Path(graders_dir) / module_id / FILE
    if not path.is_file():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    found = []
    for i, entry in enumerate(entries if isinstance(entries, list) else [entries]):
        if not isinstance(entry, dict) or set(entry) != _KEYS or not str(entry["why"]).strip():
            raise CrosstrainError(f"{path}: entry {i + 1} needs exactly {', '.join(sorted(_KEYS))}, with a reason in 'why'")
        found.append(Acceptance(str(entry["exercise"]), str(entry["change"]), str(entry["statement"]), str(entry["why"])))
    return found


def flat(statement: str) -> str:
    """A statement on one line, whitespace collapsed: how reports print and files match it."""
    return " ".join(statement.split())
