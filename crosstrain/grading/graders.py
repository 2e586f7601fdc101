"""The proof material beside each module: known-wrong answers and rubrics.

``graders/NN-slug/wrong/<exercise>/<mistake>.py`` holds the code a learner with that
typical mistake would put in the exercise's answer cell; its first line is a comment
naming the mistake (``# mistake: ...``). The file of the mistake the exercise exists to
teach also says ``# core: yes`` in its leading comments: that answer must earn nothing. ``graders/NN-slug/rubrics/<name>.md`` is the rubric a trainer grades
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
    core: bool = False  # a "# core: yes" line among its leading comments


def wrong_answers(module_id: str, graders_dir: Path = GRADERS_DIR) -> list[WrongAnswer]:
    """Every known-wrong answer of a module, sorted by exercise then mistake."""
    found = []
    for path in sorted((Path(graders_dir) / module_id / "wrong").glob("*/*.py")):
        code = path.read_text(encoding="utf-8")
        first = code.splitlines()[0] if code.strip() else ""
        description = first.lstrip("#").strip().removeprefix("mistake:").strip() if first.startswith("#") else ""
        found.append(WrongAnswer(path.parent.name, path.stem, description, code, _says_core(code)))
    return found


def _says_core(code: str) -> bool:
    """Whether the leading comment lines hold ``# core: yes``."""
    for line in code.splitlines():
        if not line.startswith("#"):
            return False
        key, _, value = line.lstrip("#").partition(":")
        if key.strip() == "core":
            return value.strip().lower() == "yes"
    return False


def rubric_path(module_id: str, name: str, graders_dir: Path = GRADERS_DIR) -> Path:
    return Path(graders_dir) / module_id / "rubrics" / f"{name}.md"


def problems(module_id: str, exercises: list[str], written: list[str], graders_dir: Path = GRADERS_DIR,
             cores: dict[str, str | None] | None = None) -> list[str]:
    """What the graders folder lacks: wrong answers, their descriptions, rubrics, and (given
    ``cores``, each exercise's core mistake in its table) one core wrong answer per exercise
    that is the table's core mistake."""
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
    for exercise, core in (cores or {}).items():
        found += _core_problems(module_id, exercise, core, [a for a in wrong if a.exercise == exercise])
    for name in written:
        if not rubric_path(module_id, name, graders_dir).is_file():
            found.append(f"written answer {name} has no rubric: add graders/{module_id}/rubrics/{name}.md")
    return found


def _core_problems(module_id: str, exercise: str, core: str | None, wrong: list[WrongAnswer]) -> list[str]:
    """One mistake of the exercise is its core one, marked alike in the table and the graders."""
    folder = f"graders/{module_id}/wrong/{exercise}"
    if core is None:
        return [f"{exercise} marks no core mistake in its exercise table: mark the one it exists to teach with Mistake(..., core=True)"]
    marked = [a.mistake for a in wrong if a.core]
    if marked == [core]:
        return []
    if not marked:
        return [f"{exercise}: {folder}/{core}.py must exist and say '# core: yes' (its table's core mistake is {core})"]
    return [f"{exercise}: {folder} marks {', '.join(marked)} as core, but its table's core mistake is {core}: mark exactly that one"]
