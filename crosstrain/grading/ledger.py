"""What the batch grader remembers between runs, per assignment and learner.

The digest of each graded hand-in (so an unchanged one is skipped), the flags and
repairs reported for it (so the CSV and report keep them when it is skipped), and the
manual scores the re-check wrote (so a re-run can tell them from a human grader's).
Kept in ``course/autograded/.crosstrain/<assignment>.json``, written atomically.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from crosstrain.course.atomic import write_text_atomic


@dataclass
class Entry:
    digest: str = ""
    status: str = "graded"
    flags: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    rechecked: dict[str, dict[str, float]] = field(default_factory=dict)  # notebook -> grade_id -> score


class Ledger:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.entries: dict[str, Entry] = {}
        if self.path.is_file():
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                self.entries = {k: Entry(**v) for k, v in raw.items()}
            except (ValueError, TypeError):
                self.entries = {}  # a damaged ledger only costs a full re-grade

    @classmethod
    def of(cls, autograded_root: Path, assignment: str) -> Ledger:
        return cls(Path(autograded_root) / ".crosstrain" / f"{assignment}.json")

    def get(self, learner: str) -> Entry:
        return self.entries.get(learner, Entry())

    def put(self, learner: str, entry: Entry) -> None:
        self.entries[learner] = entry

    def save(self) -> None:
        write_text_atomic(self.path, json.dumps({k: asdict(v) for k, v in sorted(self.entries.items())}, indent=1))
