"""Generation: determinism, the committed manifest, and atomic, refusing writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from crosstrain.errors import CrosstrainError
from crosstrain.paths import DATASETS_DIR
from crosstrain.world import columns
from crosstrain.world.generate import build_world, generate
from crosstrain.world.load import World
from crosstrain.world.recipe import load_recipe
from crosstrain.world.schema import TABLES

MANIFEST = DATASETS_DIR / "manifest-default.json"


def _csv_hashes(path: Path) -> dict:
    return json.loads((path / "world.json").read_text())["csv_sha256"]


def test_same_seed_gives_identical_csv_bytes(tmp_path, tiny_world):
    again = generate(load_recipe("tiny"), tmp_path / "again", progress=False)
    assert _csv_hashes(again) == _csv_hashes(tiny_world.path)
    for name in TABLES:
        assert (again / "csv" / f"{name}.csv").read_bytes() == (tiny_world.path / "csv" / f"{name}.csv").read_bytes()


def test_another_seed_gives_other_rows_same_shape(tmp_path, tiny_world):
    other = generate(load_recipe("tiny").with_overrides(seed=8), tmp_path / "other", progress=False)
    theirs, ours = _csv_hashes(other), _csv_hashes(tiny_world.path)
    assert all(theirs[name] != ours[name] for name in ("leads", "touchpoints", "accounts"))
    info = json.loads((other / "world.json").read_text())
    assert info["row_counts"]["leads"] == tiny_world.row_counts["leads"]


def test_default_world_matches_the_committed_manifest(tmp_path):
    """Any drift in the generator or a pinned library shows up here."""
    manifest = json.loads(MANIFEST.read_text())
    fresh = generate(load_recipe("default"), tmp_path / "default", progress=False)
    info = json.loads((fresh / "world.json").read_text())
    assert info["row_counts"] == manifest["row_counts"]
    assert info["csv_sha256"] == manifest["csv_sha256"], "the default world changed: if intended, run `python -m crosstrain.world.manifest` and commit"


def test_every_table_and_column_is_written(tiny_world):
    for name, table in TABLES.items():
        frame = tiny_world.table(name)
        assert list(frame.columns) == list(table.columns), name
        assert (tiny_world.path / "csv" / f"{name}.csv").stat().st_size > 0


def test_refuses_a_folder_with_content_unless_forced(tmp_path):
    out = tmp_path / "busy"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(CrosstrainError, match="--force"):
        generate(load_recipe("tiny"), out, progress=False)
    assert (out / "notes.txt").read_text() == "mine"
    generate(load_recipe("tiny"), out, force=True, progress=False)
    assert (out / "world.json").is_file() and not (out / "notes.txt").exists()


def test_unwritable_target_is_explained(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(CrosstrainError, match="cannot write|not a folder"):
        generate(load_recipe("tiny"), blocker / "world", progress=False)
    with pytest.raises(CrosstrainError, match="cannot write"):
        generate(load_recipe("tiny"), Path("/proc/crosstrain-world"), progress=False)


def test_a_failure_midway_leaves_nothing_half_written(tmp_path, monkeypatch):
    real = columns.to_table

    def failing(name, cols):
        if name == "opportunities":
            raise OSError("disk full")
        return real(name, cols)

    monkeypatch.setattr("crosstrain.world.generate.to_table", failing)
    out = tmp_path / "w"
    with pytest.raises(OSError):
        generate(load_recipe("tiny"), out, progress=False)
    assert not out.exists()
    assert os.listdir(tmp_path) == []


def test_ids_are_prefixed_strings(tiny_world):
    assert tiny_world.leads["lead_id"].str.fullmatch(r"L\d{7}").all()
    assert tiny_world.opportunities["opportunity_id"].str.fullmatch(r"O\d{7}").all()
    assert tiny_world.leads["opportunity_id"].isna().any()  # null where a lead has no deal


def test_emails_use_example_domains_only(tiny_world):
    for frame in (tiny_world.leads, tiny_world.users, tiny_world.contacts):
        assert frame["email"].str.contains(r"@[a-z0-9.]+\.example$").all()


def test_a_world_is_readable_by_other_users(tiny_world):
    """On a shared hub, learners read the world an admin generated."""
    for path in [tiny_world.path, tiny_world.path / "parquet", tiny_world.path / "parquet" / "leads.parquet", tiny_world.path / "world.json"]:
        assert path.stat().st_mode & 0o004, path


@pytest.mark.parametrize("variant", ["clean", "raw"])
def test_a_world_built_in_memory_is_the_world_written_to_disk(tmp_path, variant):
    """``build_world`` skips the files, nothing else: claims measured on it hold on disk."""
    on_disk = World(generate(load_recipe("tiny").with_overrides(seed=3), tmp_path / "w", variant=variant, progress=False))
    in_memory = build_world("tiny", seed=3, variant=variant)
    assert in_memory.path is None and "(memory)" in repr(in_memory)
    written = {key: value for key, value in on_disk.info.items() if key not in ("csv_sha256", "formats")}
    assert {key: value for key, value in in_memory.info.items() if key != "formats"} == written
    for name in TABLES:
        pd.testing.assert_frame_equal(in_memory.table(name), on_disk.table(name), check_exact=True, obj=name)
