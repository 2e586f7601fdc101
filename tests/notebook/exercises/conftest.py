"""Fixtures of the exercise proofs (the worlds they share: ../conftest.py)."""

from __future__ import annotations

import matplotlib
import pytest

from crosstrain.world.generate import generate
from crosstrain.world.load import World
from crosstrain.world.recipe import load_recipe

matplotlib.use("Agg")  # lesson cells draw; no window to draw in


@pytest.fixture(scope="session")
def other_seed_world(tmp_path_factory) -> World:
    """A mid-sized world with another seed, one for every module: expected values must follow the data."""
    out = tmp_path_factory.mktemp("worlds") / "seed42"
    return World(generate(load_recipe("default").with_overrides(seed=42, leads=6000, name="seed42"), out, progress=False))
