"""Shared state of one generation run: recipe, clock, random streams, pools."""

from __future__ import annotations

import datetime as dt

import numpy as np

from crosstrain.world import calendar
from crosstrain.world.columns import IdCache
from crosstrain.world.pools import pools
from crosstrain.world.recipe import Recipe

DAY = 86_400
HOUR = 3_600
STREAMS = ("users", "accounts", "campaigns", "leads", "touchpoints", "funnel", "deals", "calls", "activities", "faults", "owners", "contacts", "names",
           "customers")
REGIONS = ("north_america", "emea", "apac", "latam")
REGION_WEIGHTS = (0.5, 0.3, 0.15, 0.05)
assert REGIONS == calendar.REGIONS, "the calendar knows every region"
COUNTRIES = {
    "north_america": ("United States", "Canada"),
    "emea": ("United Kingdom", "Germany", "France", "Netherlands", "Sweden", "Spain", "Ireland"),
    "apac": ("Australia", "Singapore", "Japan", "India", "New Zealand"),
    "latam": ("Brazil", "Mexico", "Chile", "Colombia"),
}
COUNTRY_WEIGHTS = {
    "north_america": (0.85, 0.15),
    "emea": (0.35, 0.2, 0.15, 0.1, 0.07, 0.08, 0.05),
    "apac": (0.35, 0.2, 0.15, 0.2, 0.1),
    "latam": (0.45, 0.3, 0.12, 0.13),
}


class Context:
    """Everything the table builders share; each builder draws from its own stream
    so that changing one table does not reshuffle the others."""

    def __init__(self, recipe: Recipe):
        self.recipe = recipe
        seeds = np.random.SeedSequence(recipe.seed).spawn(len(STREAMS))
        self.rng = {name: np.random.default_rng(s) for name, s in zip(STREAMS, seeds)}
        self.pools = pools()
        ref = dt.datetime.combine(recipe.reference_date, dt.time())
        self.now = int(ref.replace(tzinfo=dt.UTC).timestamp())
        self.start = self.now - recipe.world["history_days"] * DAY
        # Working days from well before the window (burn-in, early touches) to long after it (open deals).
        self.calendar = calendar.Calendar(self.start - 3 * 365 * DAY, self.now + 6 * 365 * DAY)
        self.segments = tuple(recipe.mix["segments"])
        self.tables: dict[str, dict] = {}
        self.state: dict[str, np.ndarray] = {}
        self.ids = IdCache()


def weights(values) -> np.ndarray:
    w = np.asarray(values, dtype=float)
    return w / w.sum()


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def logit(p):
    p = np.asarray(p, dtype=float)
    return np.log(p / (1 - p))


def quarter_bounds(seconds: np.ndarray):
    """Start of the quarter and of its last month, for epoch seconds."""
    d = np.asarray(seconds, dtype="datetime64[s]")
    months = d.astype("datetime64[M]").astype(np.int64)
    quarter_start = months - months % 3
    last_month = quarter_start + 2
    to_s = lambda m: np.asarray(m, dtype="datetime64[M]").astype("datetime64[s]").astype(np.int64)
    return to_s(quarter_start), to_s(last_month), to_s(quarter_start + 3)
