"""Fixtures of the exercise proofs (the worlds they share: ../conftest.py)."""

from __future__ import annotations

import matplotlib
import pytest
from once import once

from crosstrain.world.generate import generate
from crosstrain.world.load import World
from crosstrain.world.recipe import load_recipe

matplotlib.use("Agg")  # lesson cells draw; no window to draw in


@pytest.fixture(scope="session")
def other_seed_world() -> World:
    """A mid-sized world with another seed, one for every module: expected values must follow the data."""
    recipe = load_recipe("default").with_overrides(seed=42, leads=6000, name="seed42")
    return World(once("seed42", lambda out: generate(recipe, out / "seed42", progress=False)) / "seed42")
