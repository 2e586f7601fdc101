"""The syllabus (``course/syllabus.yml``): modules, objectives, minutes, points, paths.

It is the course plan trainers read and the grader's map from exercises to objectives;
``build`` checks it against the module sources so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from crosstrain.errors import CrosstrainError
from crosstrain.paths import COURSE_DIR

SYLLABUS_FILE = "syllabus.yml"


@dataclass(frozen=True)
class Objective:
    id: str
    text: str
    exercises: tuple[str, ...]


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    paths: tuple[str, ...]
    self_study_minutes: int
    workshop_minutes: int
    points: float
    objectives: tuple[Objective, ...]
    mode: str = "practice"  # or "assessment": certified, no solutions, no answers in the kernel

    @property
    def exercise_names(self) -> set[str]:
        return {name for objective in self.objectives for name in objective.exercises}


@dataclass(frozen=True)
class Syllabus:
    title: str
    paths: dict[str, str]
    modules: dict[str, Module]

    def module(self, module_id: str) -> Module:
        if module_id not in self.modules:
            raise CrosstrainError(f"unknown module '{module_id}': the modules are {', '.join(self.modules)}")
        return self.modules[module_id]

    def select(self, module_ids) -> list[Module]:
        """The named modules (all of them if none is named), in syllabus order."""
        wanted = list(module_ids) or list(self.modules)
        for module_id in wanted:
            self.module(module_id)
        return [m for m in self.modules.values() if m.id in wanted]


def load_syllabus(course_root: Path | str = COURSE_DIR) -> Syllabus:
    path = Path(course_root) / SYLLABUS_FILE
    if not path.is_file():
        raise CrosstrainError(f"{path} is missing: the course needs its syllabus (see modules/README.md)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        paths = {str(k): str(v) for k, v in data["paths"].items()}
        modules = {}
        for entry in data["modules"]:
            module = _module(entry, paths)
            if module.id in modules:
                raise CrosstrainError(f"{path}: module '{module.id}' is listed twice")
            modules[module.id] = module
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CrosstrainError(f"{path} is malformed ({type(exc).__name__}: {exc}): compare it with the example in modules/README.md") from None
    return Syllabus(str(data.get("title", "")), paths, modules)


def _module(entry: dict, paths: dict[str, str]) -> Module:
    unknown = [p for p in entry["paths"] if p not in paths]
    if unknown:
        raise ValueError(f"module {entry['id']} names unknown paths {unknown}; the paths are {list(paths)}")
    objectives = tuple(Objective(str(o["id"]), str(o["text"]), tuple(map(str, o["exercises"]))) for o in entry["objectives"])
    return Module(
        id=str(entry["id"]),
        title=str(entry["title"]),
        paths=tuple(entry["paths"]),
        self_study_minutes=int(entry["minutes"]["self_study"]),
        workshop_minutes=int(entry["minutes"]["workshop"]),
        points=float(entry["points"]),
        objectives=objectives,
        mode=str(entry.get("mode", "practice")),
    )
