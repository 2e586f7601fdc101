"""Recipes: the parameters of a world, read from ``datasets/recipes/*.toml``.

``default.toml`` declares every key with its type; other recipes extend it and
may only override keys it has, so a typo is an error, not a silent default.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosstrain.errors import CrosstrainError
from crosstrain.paths import RECIPES_DIR

# Bounds that keep a world meaningful and within a laptop's memory.
SIZE_LIMITS = {
    "leads": (100, 5_000_000),
    "accounts": (20, 1_000_000),
    "campaigns": (10, 50_000),
    "marketing": (1, 1000),
    "sdr": (1, 2000),
    "ae": (2, 2000),
    "csm": (1, 1000),
    "manager": (1, 500),
}


@dataclass(frozen=True)
class Recipe:
    """A validated recipe: ``recipe.sizes["leads"]``, ``recipe.funnel["mql_threshold"]``..."""

    data: dict[str, Any]
    source: str

    @property
    def name(self) -> str:
        return self.data["world"]["name"]

    @property
    def seed(self) -> int:
        return self.data["world"]["seed"]

    @property
    def reference_date(self) -> dt.date:
        return dt.date.fromisoformat(self.data["world"]["reference_date"])

    def __getattr__(self, section: str) -> dict[str, Any]:
        try:
            return self.data[section]
        except KeyError:
            raise AttributeError(section) from None

    def with_overrides(self, *, seed: Any = None, leads: Any = None, name: str | None = None) -> Recipe:
        """A copy with the seed, the lead count (other sizes scaled) or the name changed."""
        data = copy.deepcopy(self.data)
        if seed is not None:
            data["world"]["seed"] = _as_seed(seed)
        if leads is not None:
            leads = _as_int("leads", leads)
            low, high = SIZE_LIMITS["leads"]
            if not low <= leads <= high:
                raise CrosstrainError(f"leads must be a whole number from {low:,} to {high:,}, got {leads:,}")
            factor = leads / data["sizes"]["leads"]
            for key in ("accounts", "campaigns"):
                data["sizes"][key] = max(SIZE_LIMITS[key][0], round(data["sizes"][key] * factor))
            data["sizes"]["leads"] = leads
        if name is not None:
            data["world"]["name"] = name
        _validate(data, self.source)
        return Recipe(data, self.source)


def available() -> list[str]:
    """Names of the recipes in ``datasets/recipes``."""
    return sorted(p.stem for p in RECIPES_DIR.glob("*.toml"))


def load_recipe(name_or_path: str | Path) -> Recipe:
    """Read a recipe by preset name (``tiny``, ``default``, ``large``) or TOML path."""
    path = _resolve(name_or_path)
    data = _read_toml(path)
    parent_name = data.pop("extends", None)
    if parent_name is not None:
        base = load_recipe(parent_name).data
        _check_keys(data, base, path.name)
        data = _merge(base, data)
    elif path.stem != "default":
        default = _read_toml(_resolve("default"))
        _check_keys(data, default, path.name)
    _validate(data, path.name)
    return Recipe(data, str(path))


def _resolve(name_or_path: str | Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml":
        if not candidate.is_file():
            raise CrosstrainError(f"recipe file {candidate} does not exist: give a preset ({', '.join(available())}) or a path to a .toml recipe")
        return candidate
    path = RECIPES_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise CrosstrainError(f"unknown preset '{name_or_path}': choose one of {', '.join(available())}, or give a path to a .toml recipe")
    return path


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CrosstrainError(f"recipe {path} is not valid TOML ({exc}): fix the file and try again") from None


def _check_keys(data: dict, base: dict, where: str, prefix: str = "") -> None:
    for key, value in data.items():
        if key not in base:
            known = ", ".join(sorted(base)) or "none"
            raise CrosstrainError(f"unknown recipe key '{prefix}{key}' in {where}: known keys here are {known}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise CrosstrainError(f"recipe key '{prefix}{key}' in {where} must be a [section]")
            _check_keys(value, base[key], where, f"{prefix}{key}.")
        elif isinstance(base[key], bool) != isinstance(value, bool) or not isinstance(value, (type(base[key]), int) if isinstance(base[key], float) else type(base[key])):
            raise CrosstrainError(f"recipe key '{prefix}{key}' in {where} must be a {type(base[key]).__name__}, got {value!r}")


def _merge(base: dict, override: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) else value
    return merged


def _as_int(name: str, value: Any) -> int:
    if isinstance(value, bool):
        raise CrosstrainError(f"{name} must be a whole number, got {value!r}")
    try:
        number = int(str(value), 10)
    except ValueError:
        raise CrosstrainError(f"{name} must be a whole number, got {value!r}") from None
    return number


def _as_seed(value: Any) -> int:
    seed = _as_int("seed", value)
    if not 0 <= seed < 2**32:
        raise CrosstrainError(f"seed must be between 0 and {2**32 - 1}, got {seed}")
    return seed


def _validate(data: dict, where: str) -> None:
    world = data.get("world", {})
    for key in ("name", "seed", "reference_date", "history_days"):
        if key not in world:
            raise CrosstrainError(f"recipe {where} has no world.{key}: add it under [world]")
    _as_seed(world["seed"])
    try:
        dt.date.fromisoformat(str(world["reference_date"]))
    except ValueError:
        raise CrosstrainError(f"world.reference_date in {where} must be a date like 2026-10-01, got {world['reference_date']!r}") from None
    if not 180 <= world["history_days"] <= 3650:
        raise CrosstrainError(f"world.history_days in {where} must be between 180 and 3650, got {world['history_days']}")
    for key, (low, high) in SIZE_LIMITS.items():
        value = data["sizes"].get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise CrosstrainError(f"sizes.{key} in {where} must be a whole number from {low:,} to {high:,}, got {value!r}")
    mix = data["mix"]
    for names, weights in (("channels", "channel_weights"), ("segments", "segment_weights"), ("segments", "segment_lead_weights"), ("industries", "industry_weights")):
        if len(mix[names]) != len(mix[weights]):
            raise CrosstrainError(f"mix.{weights} in {where} needs one weight per entry of mix.{names}")
        if any(w < 0 for w in mix[weights]) or sum(mix[weights]) <= 0:
            raise CrosstrainError(f"mix.{weights} in {where} must be non-negative and not all zero")
    for key in ("channel_intent", "channel_cpl"):
        if len(mix[key]) != len(mix["channels"]):
            raise CrosstrainError(f"mix.{key} in {where} needs one value per entry of mix.channels")
    for key in ("industry_amount_factor", "industry_win_logit"):
        if len(data["deals"][key]) != len(mix["industries"]):
            raise CrosstrainError(f"deals.{key} in {where} needs one value per entry of mix.industries")
    if len(data["funnel"]["event_points"]) != len(data["funnel"]["event_types"]):
        raise CrosstrainError(f"funnel.event_points in {where} needs one value per entry of funnel.event_types")
    if len(data["calls"]["category_weights"]) != len(data["calls"]["categories"]):
        raise CrosstrainError(f"calls.category_weights in {where} needs one weight per category")
