"""Loading: DataFrames with the right dtypes, lazily, and clear errors for damaged files."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from crosstrain import load_world
from crosstrain.errors import CrosstrainError
from crosstrain.world.load import World
from crosstrain.world.schema import TABLES


def test_dtypes_follow_the_schema(tiny_world):
    for name, table in TABLES.items():
        frame = tiny_world.table(name)
        for column, kind in table.columns.items():
            dtype = frame[column].dtype
            if kind == "datetime":
                assert pd.api.types.is_datetime64_any_dtype(dtype), (name, column, dtype)
            elif kind in ("id", "str"):
                assert pd.api.types.is_string_dtype(dtype), (name, column, dtype)
            elif kind == "int":
                assert pd.api.types.is_integer_dtype(dtype), (name, column, dtype)
            elif kind == "float":
                assert pd.api.types.is_float_dtype(dtype), (name, column, dtype)
            elif kind == "bool":
                assert pd.api.types.is_bool_dtype(dtype), (name, column, dtype)


def test_tables_load_on_first_use(tiny_world):
    world = World(tiny_world.path)
    assert world._frames == {}
    assert len(world.leads) == world.row_counts["leads"]
    assert set(world._frames) == {"leads"}
    assert "touchpoints" in dir(world)


def test_unknown_table_is_explained(tiny_world):
    with pytest.raises(AttributeError, match="tables: users"):
        tiny_world.leadz
    with pytest.raises(CrosstrainError, match="no table 'leadz'"):
        tiny_world.table("leadz")


def test_missing_and_corrupt_files_say_how_to_recover(tmp_path, tiny_world):
    copy = tmp_path / "w"
    shutil.copytree(tiny_world.path, copy)
    (copy / "parquet" / "leads.parquet").write_bytes(b"not parquet at all")
    (copy / "parquet" / "users.parquet").unlink()
    world = World(copy)
    with pytest.raises(CrosstrainError, match="unreadable.*--force"):
        world.leads
    with pytest.raises(CrosstrainError, match="missing.*--force"):
        world.users
    (copy / "world.json").write_text("{broken")
    with pytest.raises(CrosstrainError, match="damaged"):
        World(copy)


def test_load_world_by_folder_and_bad_names(tiny_world, tmp_path):
    assert load_world(tiny_world.path).name == "tiny"
    with pytest.raises(CrosstrainError, match="unknown preset"):
        load_world("no-such-world")
    with pytest.raises(CrosstrainError, match="unknown variant"):
        load_world("tiny", variant="dirty")
    with pytest.raises(CrosstrainError, match="not a generated world"):
        load_world(tmp_path)


def test_reference_date_is_the_worlds_today(tiny_world):
    assert tiny_world.reference_date == pd.Timestamp("2026-11-13")
    assert tiny_world.leads["created_at"].max() < tiny_world.reference_date
