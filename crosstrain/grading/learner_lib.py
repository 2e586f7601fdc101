"""The learner's install for assessment mode: the package minus everything that knows an answer.

``crosstrain build`` writes it to ``course/learner-lib/``: a copy of only the modules an
assessment notebook needs (``start``, the world loader, the answer kinds and what they
import, found by following ``import`` statements), never a grader-side one
(``GRADER_SIDE``: the grader, the verbs, the widgets, and every module's exercise
``table`` and ``formulas``, which compute the graded values), plus one ``spec.json`` per
assessment module (questions, hints, points, answer kinds) and the world recipes. A
learner kernel runs with this folder first on its path and the real package hidden
(``crosstrain.learner.assessment``); grading kernels keep the whole package.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

from crosstrain.errors import CrosstrainError
from crosstrain.notebook.capture import as_plain
from crosstrain.notebook.exercises import MODULES, exercises_of
from crosstrain.notebook.spec import SPEC_FILE
from crosstrain.paths import RECIPES_DIR

PACKAGE = Path(__file__).resolve().parents[1]
LIBRARY = "learner-lib"
#: Module prefixes a learner's install never holds: they grade, or compute graded values.
GRADER_SIDE = ("crosstrain.grading", "crosstrain.workshop", "crosstrain.cli", "crosstrain.learner",
               "crosstrain.demo", "crosstrain.__main__", "crosstrain.notebook.widgets")
#: The lesson modules a learner's install holds, one per module that has lesson helpers: each
#: imports no formulas (so no graded value) and earns nothing on any exercise
#: (``tests/grading/test_no_shortcuts.py``), so the assessment keeps the lesson cells that use
#: them. Only the widgets' cells are left out (``tests/grading/test_assessment_cells.py``).
LESSONS = tuple(f"crosstrain.notebook.exercises.{m}" for m in (
    "two_teams.lesson", "measuring.lesson", "lead_scoring.lesson", "objections.lesson", "pipeline.lesson",
    "attribution.lesson", "alignment.lesson", "alignment.raw", "retention.lesson"))
#: What every assessment notebook's kernel imports: ``start``, what it loads, and the lessons.
ROOTS = ("crosstrain.notebook", "crosstrain.notebook.spec", "crosstrain.notebook.answers", "crosstrain.notebook.tables",
         "crosstrain.notebook.exercises", "crosstrain.world.load", "crosstrain.world.generate",
         "crosstrain.course.variants", *LESSONS)
#: The whole world package: its loader checks that the generator's code is the one that made the world.
WORLD = tuple(f"crosstrain.world.{p.stem}" for p in sorted((PACKAGE / "world").glob("*.py")) if p.stem != "__init__")


def grader_side(module: str) -> bool:
    """Whether ``module`` grades or computes a graded value (never in a learner's install)."""
    if module.startswith(GRADER_SIDE):
        return True
    parts = module.split(".")
    return module.startswith("crosstrain.notebook.exercises.") and parts[-1] in ("table", "formulas")


def library_of(course_root: Path) -> Path:
    return Path(course_root) / LIBRARY


def write_learner_library(course_root: Path, module_ids, world) -> Path:
    """(Re)write ``course/learner-lib`` for the assessment modules ``module_ids`` on ``world``."""
    specs = {m: spec_entries(m, world) for m in module_ids}
    kinds = {kind["class"].partition(":")[0] for entries in specs.values() for e in entries
             for kind in _kind_entries(e["kind"])}
    modules = import_closure([*ROOTS, *WORLD, *kinds])
    dest = library_of(course_root)
    staging = dest.with_name(dest.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    for module in sorted(modules):
        source = module_file(module)
        target = staging / source.relative_to(PACKAGE.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for module_id, entries in specs.items():
        folder = staging / Path(*MODULES[module_id].split(".")[:-1])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SPEC_FILE).write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
    shutil.copytree(RECIPES_DIR, staging / RECIPES_DIR.relative_to(PACKAGE.parent))
    shutil.rmtree(dest, ignore_errors=True)
    staging.rename(dest)
    return dest


def library_modules(library: Path) -> set[str]:
    """The ``crosstrain`` modules a learner's install holds (by file)."""
    found = set()
    for path in (Path(library) / "crosstrain").rglob("*.py"):
        parts = path.relative_to(library).with_suffix("").parts
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def assessment_modules(library: Path) -> list[str]:
    """The modules whose specs an existing learner's install holds."""
    return [m for m, table in MODULES.items()
            if (Path(library) / Path(*table.split(".")[:-1]) / SPEC_FILE).is_file()]


# -- the learner-facing spec of each exercise ---------------------------------------------

def spec_entries(module_id: str, world) -> list[dict]:
    """Each exercise's question, hint, points and answer kind: no value, mistake or solution."""
    return [{"module": e.module, "name": e.name, "variable": e.variable, "question": e.question,
             "hint": e.hint_text, "points": e.points, "kind": _spec_kind(e, world)}
            for e in exercises_of(module_id).values()]


def _spec_kind(exercise, world) -> dict:
    """The exercise's own answer kind, or only its plain type and size (``Shape``) when the
    kind's module imports code that computes answers (a module's formulas)."""
    try:
        import_closure([type(exercise.kind).__module__])
    except CrosstrainError:
        value = as_plain(exercise.expected(world))
        size = len(value) if isinstance(value, (dict, list)) else None
        fields = {"type": type(value).__name__, "size": size, "of": getattr(exercise.kind, "of", "answer")}
        return {"class": "crosstrain.notebook.spec:Shape", "fields": fields}
    return _kind(exercise.kind, world)


def _kind(kind: Any, world) -> dict:
    cls = type(kind)
    fields = {f.name: _field(getattr(kind, f.name), world) for f in dataclasses.fields(kind)}
    return {"class": f"{cls.__module__}:{cls.__qualname__}", "fields": fields}


def _field(value: Any, world) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _kind(value, world)
    if callable(value):  # a world-dependent list (valid keys or labels): frozen on this world
        return {"fixed": _plain_list(value(world))}
    if isinstance(value, (tuple, list)):
        return [_field(v, world) for v in value]
    return value


def _plain_list(value: Any) -> Any:
    return [v.item() if hasattr(v, "item") else v for v in value] if not isinstance(value, str) else value


def _kind_entries(entry: Any):
    """Every kind entry nested in ``entry`` (a ``Parts`` holds kinds of its own)."""
    if isinstance(entry, dict) and "class" in entry:
        yield entry
        for value in entry["fields"].values():
            yield from _kind_entries(value)
    elif isinstance(entry, list):
        for value in entry:
            yield from _kind_entries(value)


# -- which modules the learner's install needs ---------------------------------------------

def module_file(module: str) -> Path:
    base = PACKAGE.parent / Path(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def import_closure(roots) -> set[str]:
    """``roots``, their parent packages and every ``crosstrain`` module they import, transitively.

    Raises when the closure reaches a grader-side module, naming who imports it."""
    seen: dict[str, str] = {}
    todo = [(root, "the assessment notebook") for root in roots]
    while todo:
        module, by = todo.pop()
        if module in seen:
            continue
        if grader_side(module):
            raise CrosstrainError(f"{by} imports {module}, which computes graded values: an assessment cannot ship it")
        seen[module] = by
        parts = module.split(".")
        todo += [(".".join(parts[:i]), module) for i in range(1, len(parts))]
        todo += [(name, module) for name in _imports(module)]
    return set(seen)


def _imports(module: str) -> list[str]:
    path = module_file(module)
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "crosstrain":
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names
                      if module_file(f"{node.module}.{alias.name}").exists()]
    return [n for n in names if n.split(".")[0] == "crosstrain" and module_file(n).exists()]
