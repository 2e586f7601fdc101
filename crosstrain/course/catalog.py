"""Which modules a learner or a facilitator can ask for, by id or by number.

The syllabus is the list of modules; a module listed there may not be written yet
(its source in ``modules/`` is missing while its author works on it), and every
command that names modules says so rather than failing later.
"""

from __future__ import annotations

from pathlib import Path

from crosstrain.course.sources import source_path
from crosstrain.course.syllabus import Module, Syllabus
from crosstrain.errors import CrosstrainError
from crosstrain.paths import MODULES_DIR

ALL_PATHS = "all"


def is_written(module_id: str, modules_dir: Path = MODULES_DIR) -> bool:
    """True once the module's text source exists."""
    return source_path(modules_dir, module_id).is_file()


def known_list(syllabus: Syllabus, modules_dir: Path = MODULES_DIR) -> str:
    """``00-orientation, 03-funnel (not written yet)``: for error messages."""
    return ", ".join(m if is_written(m, modules_dir) else f"{m} (not written yet)" for m in syllabus.modules)


def resolve(syllabus: Syllabus, token: str, modules_dir: Path = MODULES_DIR) -> Module:
    """The module named by its id (``03-funnel-handoff``) or its number (``03``, ``3``)."""
    token = token.strip()
    if token in syllabus.modules:
        return syllabus.modules[token]
    if token.isdigit():
        matches = [m for m in syllabus.modules.values() if m.id.split("-", 1)[0].lstrip("0") == token.lstrip("0")]
        if len(matches) == 1:
            return matches[0]
    raise CrosstrainError(f"unknown module '{token}': the syllabus lists {known_list(syllabus, modules_dir) or 'no modules'}")


def resolve_all(syllabus: Syllabus, tokens: str, modules_dir: Path = MODULES_DIR) -> list[Module]:
    """Modules from a comma-separated list (``03,05``), in the order given, without repeats."""
    wanted = [t for t in (tokens or "").split(",") if t.strip()]
    if not wanted:
        raise CrosstrainError(f"no modules given: name one or more of {known_list(syllabus, modules_dir)}, e.g. --modules 00")
    chosen: list[Module] = []
    for token in wanted:
        module = resolve(syllabus, token, modules_dir)
        if module not in chosen:
            chosen.append(module)
    return chosen


def on_path(syllabus: Syllabus, path: str) -> list[Module]:
    """The modules of a learner path, in syllabus order; ``all`` is every module.

    A module tagged ``everyone`` is on every path.
    """
    if path == ALL_PATHS:
        return list(syllabus.modules.values())
    if path not in syllabus.paths:
        raise CrosstrainError(f"unknown path '{path}': choose one of {', '.join([*syllabus.paths, ALL_PATHS])}")
    return [m for m in syllabus.modules.values() if path in m.paths or "everyone" in m.paths]
