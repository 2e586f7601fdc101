"""Recipes: presets load, and every kind of bad input is a one-line CrosstrainError."""

from __future__ import annotations

import pytest

from crosstrain.errors import CrosstrainError
from crosstrain.world.recipe import available, load_recipe


def test_presets_exist_and_extend_default():
    assert {"tiny", "default", "large"} <= set(available())
    default, tiny, large = (load_recipe(name) for name in ("default", "tiny", "large"))
    assert tiny.sizes["leads"] < 5_000 and large.sizes["leads"] == 1_000_000
    assert default.sizes["leads"] >= 10_000
    # An extending recipe inherits every parameter it does not override.
    assert tiny.funnel == default.funnel and tiny.deals == default.deals
    assert tiny.reference_date == default.reference_date


def test_reference_date_is_fixed_not_today():
    assert load_recipe("default").reference_date.isoformat() == "2026-11-13"


@pytest.mark.parametrize(
    "body, message",
    [
        ('extends = "default"\n[sizes]\nleadz = 5\n', "unknown recipe key 'sizes.leadz'"),
        ('extends = "default"\n[funnel]\nmql_threshold = "high"\n', "must be a int"),
        ('extends = "default"\n[sizes]\nleads = -3\n', "sizes.leads"),
        ('extends = "default"\n[sizes]\nleads = 99999999\n', "sizes.leads"),
        ('extends = "default"\n[world]\nseed = "abc"\n', "world.seed"),
        ('extends = "default"\n[world]\nreference_date = "yesterday"\n', "reference_date"),
        ('extends = "nowhere"\n', "unknown preset 'nowhere'"),
        ("this is = = not toml", "not valid TOML"),
    ],
)
def test_bad_recipes_are_explained(tmp_path, body, message):
    path = tmp_path / "mine.toml"
    path.write_text(body)
    with pytest.raises(CrosstrainError, match=message.replace("(", r"\(")) as info:
        load_recipe(str(path))
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("seed", ["abc", "1.5", -1, 2**32, True])
def test_bad_seeds(seed):
    with pytest.raises(CrosstrainError, match="seed"):
        load_recipe("tiny").with_overrides(seed=seed)


@pytest.mark.parametrize("leads", ["many", 0, -5, 10**9])
def test_bad_sizes(leads):
    with pytest.raises(CrosstrainError, match="leads"):
        load_recipe("tiny").with_overrides(leads=leads)


def test_unknown_preset_lists_the_choices():
    with pytest.raises(CrosstrainError, match="choose one of default, large, tiny"):
        load_recipe("huge")


def test_overrides_scale_related_sizes():
    recipe = load_recipe("default").with_overrides(leads=4000, seed="12")
    assert recipe.sizes["leads"] == 4000 and recipe.seed == 12
    assert recipe.sizes["accounts"] == 800
