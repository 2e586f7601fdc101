"""Shared fixtures: generated worlds are expensive, so tests share them per session."""

from __future__ import annotations

import pytest

from crosstrain.world.generate import generate
from crosstrain.world.load import World, load_world
from crosstrain.world.recipe import load_recipe


@pytest.fixture(scope="session")
def tiny_world(tmp_path_factory) -> World:
    """A few hundred leads, generated fresh for this test session."""
    out = tmp_path_factory.mktemp("worlds") / "tiny"
    return World(generate(load_recipe("tiny"), out, progress=False))


@pytest.fixture(scope="session")
def default_world() -> World:
    """The course's own default world (generated on first use, shared with the course)."""
    return load_world("default", progress=False)
