"""The raw twin of a loaded world: the same recipe and seed before cleaning, the CRM as
people typed it (module 08's hygiene exercises clean it).

The notebook and the grader both reach it through ``raw_variant``, so a learner on seed 7
is graded on seed 7's raw CRM. It imports no formulas: an assessment's learner install
holds it, so its notebook keeps ``raw``.
"""

from __future__ import annotations

import fcntl
import json
from functools import lru_cache
from pathlib import Path

from crosstrain.errors import CrosstrainError

__all__ = ["raw_variant"]


def raw_variant(world):
    """The same world (recipe, seed) before cleaning: the CRM as people typed it.

    It lives next to the clean world's folder, in ``<folder>-raw`` (where
    ``load_world(preset, variant="raw")`` puts it), and is generated there on first use.
    """
    if world.variant == "raw":
        return world
    return _raw_of(str(Path(world.path).resolve()))


@lru_cache(maxsize=4)
def _raw_of(clean_path: str):
    from crosstrain.world.generate import generate
    from crosstrain.world.load import World
    from crosstrain.world.recipe import Recipe

    clean = World(Path(clean_path))
    out = Path(clean_path + "-raw")
    if not _same_recipe(out, clean.info):
        try:
            with open(out.parent / f".{out.name}.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # one generator at a time, as load_world does
                if not _same_recipe(out, clean.info):
                    generate(Recipe(clean.info["recipe"], clean_path), out, variant="raw", force=True, progress=False)
        except PermissionError:
            raise CrosstrainError(
                f"the raw variant of this CRM is not generated yet and {out.parent} is read-only here: ask your "
                f"trainer to run `crosstrain data generate {clean.name} --variant raw` (same seed) once for the course"
            ) from None
    return World(out)


def _same_recipe(out: Path, info: dict) -> bool:
    try:
        raw = json.loads((out / "world.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return raw.get("variant") == "raw" and raw.get("recipe_sha256") == info["recipe_sha256"] and raw.get("versions") == info["versions"]
