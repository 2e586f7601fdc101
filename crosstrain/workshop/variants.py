"""The trainer's side of data variants: making a workshop's assignment and its worlds.

What an assignment is, and how learners, kernels and the grader follow it, is the
course's (``crosstrain.course.variants``); ``crosstrain workshop plan --variant ...``
makes one here.
"""

from __future__ import annotations

from crosstrain.course.variants import VARIANTS, Assignment
from crosstrain.errors import CrosstrainError


def make_assignment(variant: str, preset: str, roster: dict[str, str] | None = None, salt: str = "") -> Assignment | None:
    """A new assignment for ``variant`` (None for ``shared``: everyone on one world)."""
    if variant not in VARIANTS:
        raise CrosstrainError(f"unknown data variant '{variant}': choose {', '.join(VARIANTS)}")
    if variant == "shared":
        return None
    from crosstrain.world.recipe import load_recipe

    return Assignment(variant, preset, load_recipe(preset).seed, salt, dict(roster or {}))


def variant_worlds(assignment: Assignment, progress: bool = True) -> dict:
    """Generate every world the assignment names (teams, or rostered learners); key -> World."""
    from tqdm import tqdm

    from crosstrain.world.load import load_world

    seeds = assignment.seeds()
    bar = tqdm(seeds.items(), desc="worlds", unit="world", disable=not progress, leave=False)
    return {key: load_world(assignment.world, seed=seed, progress=False) for key, seed in bar}
