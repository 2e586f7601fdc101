"""The workshop the course is running now: the modules of the last plan, kept in the course.

``crosstrain workshop plan`` writes them to ``course/workshop-plan.json``; the leaderboard
scores those modules only, so a team is not measured against modules the session never
covered (all nine built modules made a finished team read 3%).
"""

from __future__ import annotations

import json
from pathlib import Path

from crosstrain.course.atomic import write_text_atomic
from crosstrain.errors import CrosstrainError

SESSION_FILE = "workshop-plan.json"


def session_path(course_root: Path) -> Path:
    return Path(course_root) / SESSION_FILE


def save_session(course_root: Path, title: str, modules: list[str]) -> Path:
    path = session_path(course_root)
    write_text_atomic(path, json.dumps({"title": title, "modules": list(modules)}, indent=1) + "\n")
    return path


def planned_modules(course_root: Path) -> list[str] | None:
    """The module ids of the course's last workshop plan, or None when none was made."""
    path = session_path(course_root)
    if not path.is_file():
        return None
    try:
        modules = json.loads(path.read_text(encoding="utf-8"))["modules"]
        return [str(m) for m in modules]
    except (ValueError, KeyError, TypeError):
        raise CrosstrainError(f"{path} is damaged: make the plan again (crosstrain workshop plan ...) or delete it") from None
