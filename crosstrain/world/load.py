"""Load a world as pandas DataFrames, generating it on first use.

``load_world()`` is the one line a notebook needs::

    world = load_world()          # the course's default world
    world.leads.head()            # each table is a DataFrame, loaded on first access
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from crosstrain.errors import CrosstrainError
from crosstrain.world import store
from crosstrain.world.schema import TABLES

VARIANTS = ("clean", "raw")

#: Tables read ahead of time, by world folder: the grader's kernel fork server reads a
#: batch's one shared world once, and every kernel it forks starts with it in memory.
_PRELOADED: dict[Path, dict[str, pd.DataFrame]] = {}


def preload(path: Path) -> None:
    """Read every table of the world at ``path`` now; ``World(path)`` then starts with them."""
    path = Path(path).resolve()
    _PRELOADED[path] = {name: _read_table(path, name) for name in TABLES}


class World:
    """A generated CRM world on disk, each table loaded as a DataFrame when first used (or one
    built in memory, see ``in_memory``)."""

    def __init__(self, path: Path):
        self.path: Path | None = Path(path)
        self.info = store.read_info(self.path)
        # shallow copies: with pandas' copy-on-write an edit never reaches the preloaded frame
        self._frames: dict[str, pd.DataFrame] = {
            name: frame.copy(deep=False) for name, frame in _PRELOADED.get(self.path.resolve(), {}).items()}

    @classmethod
    def in_memory(cls, info: dict, frames: dict[str, pd.DataFrame]) -> World:
        """A world that lives only in memory (``generate.build_world``): ``info`` as its
        ``world.json`` would say, and every table already loaded."""
        world = cls.__new__(cls)
        world.path, world.info, world._frames = None, info, dict(frames)
        return world

    # -- identity ---------------------------------------------------------
    @property
    def name(self) -> str:
        return self.info["name"]

    @property
    def seed(self) -> int:
        return self.info["seed"]

    @property
    def variant(self) -> str:
        return self.info["variant"]

    @cached_property
    def reference_date(self) -> pd.Timestamp:
        """"Today" in the world: every date is relative to this, never to the real today."""
        return pd.Timestamp(self.info["reference_date"])

    @property
    def row_counts(self) -> dict[str, int]:
        return dict(self.info["row_counts"])

    # -- tables -----------------------------------------------------------
    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise CrosstrainError(f"the world has no table '{name}': its tables are {', '.join(TABLES)}")
        if name not in self._frames:
            self._frames[name] = _read_table(self.path, name)
        return self._frames[name]

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: self.table(name) for name in TABLES}

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self.table(name)
        raise AttributeError(f"World has no attribute '{name}' (tables: {', '.join(TABLES)})")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(TABLES))

    def __repr__(self) -> str:
        counts = ", ".join(f"{t}={n:,}" for t, n in self.row_counts.items())
        return f"<World {self.name} seed={self.seed} variant={self.variant} at {self.path or '(memory)'}: {counts}>"


def load_world(preset_or_path: str | Path = "default", *, seed: int | None = None, variant: str = "clean", progress: bool = True) -> World:
    """Load a world by preset name (``tiny``, ``default``, ``large``) or folder path.

    A preset that has not been generated yet (for this seed and variant) is generated
    first, which takes a few seconds for ``default``.
    """
    if variant not in VARIANTS:
        raise CrosstrainError(f"unknown variant '{variant}': choose one of {', '.join(VARIANTS)}")
    candidate = Path(preset_or_path)
    if candidate.is_dir():
        return World(candidate)
    if "/" in str(preset_or_path) and not str(preset_or_path).endswith(".toml") and not candidate.exists():
        raise CrosstrainError(f"no world at {candidate}: give a preset name or the folder of a generated world")
    from crosstrain.world.generate import ensure_world

    return World(ensure_world(str(preset_or_path), seed=seed, variant=variant, progress=progress))


def _read_table(path: Path, name: str) -> pd.DataFrame:
    file = path / "parquet" / f"{name}.parquet"
    if not file.is_file():
        raise CrosstrainError(f"world file {file} is missing: regenerate the world with `crosstrain data generate --force`")
    try:
        return midnights(pq.read_table(file)).to_pandas()
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise CrosstrainError(f"world file {file} is unreadable ({type(exc).__name__}): regenerate the world with `crosstrain data generate --force`") from None


def midnights(table: pa.Table) -> pa.Table:
    """``table`` with its date columns as datetimes at midnight: pandas then compares them with
    the other times and with strings (``close_date <= "2026-09-30"``), and ``.dt`` works."""
    for i, field in enumerate(table.schema):
        if pa.types.is_date(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.timestamp("s")))
    return table
