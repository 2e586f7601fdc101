"""The proof material beside each module: known-wrong answers and rubrics.

``graders/NN-slug/wrong/<exercise>/<mistake>.py`` holds the code a learner with that
typical mistake would put in the exercise's answer cell; its first line is a comment
naming the mistake. ``graders/NN-slug/rubrics/<name>.md`` is the rubric a trainer grades
a written answer with.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crosstrain.paths import GRADERS_DIR

MIN_WRONG_PER_EXERCISE = 2


@dataclass(frozen=True)
class WrongAnswer:
    exercise: str
    mistake: str  # the file's stem
    description: str  # its first-line comment
    code: str


def wrong_answers(module_id: str, graders_dir: Path = GRADERS_DIR) -> list[WrongAnswer]:
    """Every known-wrong answer of a module, sorted by exercise then mistake."""
    found = []
    for path in sorted((Path(graders_dir) / module_id / "wrong").glob("*/*.py")):
        code = path.read_text(encoding="utf-8")
        first = code.splitlines()[0] if code.strip() else ""
        description = first.lstrip("#").strip().removeprefix("mistake:").strip() if first.startswith("#") else ""
        found.append(WrongAnswer(path.parent.name, path.stem, description, code))
    return found


def rubric_path(module_id: str, name: str, graders_dir: Path = GRADERS_DIR) -> Path:
    return Path(graders_dir) / module_id / "rubrics" / f"{name}.md"


def problems(module_id: str, exercises: list[str], written: list[str], graders_dir: Path = GRADERS_DIR) -> list[str]:
    """What the graders folder lacks: wrong answers, their descriptions, rubrics."""
    found = []
    wrong = wrong_answers(module_id, graders_dir)
    for answer in wrong:
        if answer.exercise not in exercises:
            found.append(f"graders/{module_id}/wrong/{answer.exercise}/{answer.mistake}.py is for an exercise the module does not have")
        if not answer.description:
            found.append(f"graders/{module_id}/wrong/{answer.exercise}/{answer.mistake}.py must start with a comment naming the mistake")
    for exercise in exercises:
        count = sum(1 for answer in wrong if answer.exercise == exercise)
        if count < MIN_WRONG_PER_EXERCISE:
            found.append(f"{exercise} has {count} known-wrong answers in graders/{module_id}/wrong/{exercise}/: add at least {MIN_WRONG_PER_EXERCISE}")
    for name in written:
        if not rubric_path(module_id, name, graders_dir).is_file():
            found.append(f"written answer {name} has no rubric: add graders/{module_id}/rubrics/{name}.md")
    return found
