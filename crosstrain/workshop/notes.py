"""What a facilitator needs to know about one module before running it live.

Three sources, none duplicated by hand:

- ``workshops/notes/<module>.md``: discussion prompts, a team exercise and team briefs,
  tips (written by people; ``## Heading`` sections);
- the module's exercise objects: the answers to expect, recomputed from the world and
  read as a trainer says them aloud (``spoken``);
- ``graders/<module>/wrong/<exercise>/*.py``: the known-wrong answers, whose first line
  (``# mistake: ...``) names the mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crosstrain.errors import CrosstrainError
from crosstrain.paths import GRADERS_DIR, PROJECT_ROOT
from crosstrain.workshop.spoken import spoken

NOTES_DIR = PROJECT_ROOT / "workshops" / "notes"


@dataclass(frozen=True)
class FacilitatorNotes:
    module: str
    path: Path
    sections: dict[str, str]

    def section(self, title: str) -> str:
        return self.sections.get(title.lower(), "").strip()

    def bullets(self, title: str) -> list[str]:
        return [line.strip()[2:].strip() for line in self.section(title).splitlines() if line.strip().startswith(("- ", "* "))]


def read_notes(module_id: str, notes_dir: Path = NOTES_DIR) -> FacilitatorNotes | None:
    """The module's notes, or None while nobody has written them."""
    path = Path(notes_dir) / f"{module_id}.md"
    if not path.is_file():
        return None
    sections: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip().lower()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return FacilitatorNotes(module_id, path, {k: "\n".join(v) for k, v in sections.items()})


@dataclass(frozen=True)
class KnownMistake:
    exercise: str
    name: str
    description: str


def known_mistakes(module_id: str, graders_dir: Path = GRADERS_DIR) -> dict[str, list[KnownMistake]]:
    """The known-wrong answers per exercise, described by their first-line comment."""
    wrong = Path(graders_dir) / module_id / "wrong"
    found: dict[str, list[KnownMistake]] = {}
    if not wrong.is_dir():
        return found
    for folder in sorted(p for p in wrong.iterdir() if p.is_dir()):
        for file in sorted(folder.glob("*.py")):
            first = next(iter(file.read_text(encoding="utf-8").splitlines()), "").strip()
            text = first.lstrip("#").strip()
            text = text.split(":", 1)[1].strip() if text.lower().startswith("mistake:") else text
            found.setdefault(folder.name, []).append(KnownMistake(folder.name, file.stem, text or file.stem.replace("_", " ")))
    return found


@dataclass
class ExpectedAnswer:
    exercise: str
    question: str
    answer: str
    points: float


@dataclass
class Answers:
    answers: list[ExpectedAnswer] = field(default_factory=list)
    missing: str = ""  # why there are none, if there are none


def expected_answers(module_id: str, world) -> Answers:
    """Each exercise's right answer for ``world`` (the course's default in a workshop)."""
    from crosstrain.notebook.exercises import exercises_of

    try:
        exercises = exercises_of(module_id)
    except CrosstrainError:
        return Answers(missing="no exercises are registered for this module yet")
    found = Answers()
    for exercise in exercises.values():
        try:
            text = spoken(exercise.expected(world), exercise.kind)
        except Exception as exc:  # a module being written may not compute yet; say so, carry on
            text = f"could not be computed ({type(exc).__name__}): check the module's exercises"
        found.answers.append(ExpectedAnswer(exercise.name, exercise.question, text, exercise.points))
    return found
