"""``crosstrain build``: the world, then nbgrader source notebooks, then the release.

Idempotent: a module whose compiled notebook is byte-identical to the one on disk, with
its release present and the assignment in the gradebook, is left alone. A changed module
is recompiled and regenerated in place (nbgrader updates the gradebook's copy).
A module in assessment mode (``crosstrain.grading.assessment``) is compiled for the
learner's install without answers, which the build then (re)writes to ``course/learner-lib``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat
from tqdm.auto import tqdm

from crosstrain.course.atomic import write_text_atomic
from crosstrain.course.config import course_config, notebook_path, require_course
from crosstrain.course.sources import source_path
from crosstrain.course.syllabus import load_syllabus
from crosstrain.errors import CrosstrainError
from crosstrain.grading.assessment import assessment_notebook, mode_of
from crosstrain.grading.compile import compile_module, points_of
from crosstrain.grading.learner_lib import (
    ROOTS,
    assessment_modules,
    import_closure,
    library_of,
    write_learner_library,
)
from crosstrain.grading.nbgrader import checked, nbgrader_api, nbgrader_on_path
from crosstrain.paths import COURSE_DIR, MODULES_DIR


@dataclass(frozen=True)
class Built:
    module: str
    status: str  # "built" or "unchanged"
    release: Path


def build(module_ids=(), course_root: Path = COURSE_DIR, modules_dir: Path = MODULES_DIR, progress: bool = True,
          world: bool = True, mode: str | None = None) -> list[Built]:
    """Build the named modules (all if none), returning what was done to each; ``mode``
    overrides the syllabus' practice or assessment mode of each."""
    root = require_course(course_root)
    modules = load_syllabus(root).select(module_ids)
    if world:
        _ensure_world(progress)
    api = None
    done = []
    in_gradebook = _gradebook_assignments(root)
    assessed = {m.id for m in modules if mode_of(m, mode) == "assessment"}
    if assessed:
        _learner_library(root, assessed)
    for module in tqdm(modules, desc="build", unit="module", disable=not progress):
        notebook = compile_module(module, source_path(modules_dir, module.id))
        if module.id in assessed:
            notebook = assessment_notebook(notebook, import_closure(ROOTS))
        if points_of(notebook) != module.points:
            raise CrosstrainError(f"{module.id} is worth {points_of(notebook):g} points in its source but {module.points:g} in course/syllabus.yml: make them agree")
        text = nbformat.writes(notebook) + "\n"
        source = notebook_path(root, "source", module.id)
        release = notebook_path(root, "release", module.id)
        if module.id in in_gradebook and _up_to_date(source, release, text):
            done.append(Built(module.id, "unchanged", release))
            continue
        write_text_atomic(source, text)
        api = api or nbgrader_api(root)
        checked(api.generate_assignment(module.id, force=True, create=True), f"generate the release of {module.id}")
        done.append(Built(module.id, "built", release))
    return done


def _learner_library(root: Path, assessed: set[str]) -> None:
    """The learner's install for every module in assessment mode, those built before included."""
    from crosstrain.notebook.session import world_preset
    from crosstrain.world.load import load_world

    previous = set(assessment_modules(library_of(root)))
    write_learner_library(root, sorted(previous | assessed), load_world(world_preset(), progress=False))


def _up_to_date(source: Path, release: Path, text: str) -> bool:
    return (source.is_file() and release.is_file() and source.read_text(encoding="utf-8") == text
            and release.stat().st_mtime >= source.stat().st_mtime)


def _gradebook_assignments(root: Path) -> set[str]:
    """Assignments the course's gradebook knows (opening it once: each open is slow)."""
    config = course_config(root).CourseDirectory
    if config.db_url.startswith("sqlite:///") and not Path(config.db_url.removeprefix("sqlite:///")).is_file():
        return set()
    from nbgrader.api import Gradebook

    nbgrader_on_path()
    with Gradebook(config.db_url) as gradebook:
        return {assignment.name for assignment in gradebook.assignments}


def _ensure_world(progress: bool) -> None:
    """Generate the worlds notebooks read, before any of them runs: graders' sandboxes
    and hub users may only read the data folder. The raw variant is the cleaning
    exercise's (module 08)."""
    from crosstrain.notebook.session import world_preset
    from crosstrain.world.load import load_world

    for variant in ("clean", "raw"):
        load_world(world_preset(), variant=variant, progress=progress)
