"""Every claim the prose makes about the data holds on 20 seeds, and stays anchored in its prose."""

from __future__ import annotations

import os
from collections import Counter

import pytest
from click.testing import CliRunner

import crosstrain.course.claims as claims_package
from crosstrain.cli import cli
from crosstrain.course.claims import CLAIMS, Claim, at_least, between
from crosstrain.course.claims.calibration import TARGETS, markdown_table
from crosstrain.course.claims.evaluate import evaluate
from crosstrain.course.claims.fmt import number
from crosstrain.world import generate
from crosstrain.world.generate import build_world

SEEDS = range(1, 21)


@pytest.fixture(scope="module")
def kept() -> dict:
    """Seeds 1 and 2 of the default preset, built in memory once: the claims, the command
    line and the calibration table all read them."""
    return {seed: build_world("default", seed=seed) for seed in (1, 2)}


@pytest.fixture(scope="module")
def outcomes(kept):
    return evaluate(CLAIMS, (kept[seed] if seed in kept else build_world("default", seed=seed) for seed in SEEDS))


@pytest.fixture
def asked(kept, monkeypatch) -> list:
    """The command line builds its worlds with ``build_world``: hand it the kept ones, and
    record what it asked for."""
    calls = []

    def reuse(preset, *, seed=None, variant="clean"):
        calls.append((preset, seed, variant))
        return kept[seed]

    monkeypatch.setattr(generate, "build_world", reuse)
    return calls


def test_every_claim_holds_on_every_seed(outcomes):
    failing = {o.claim.id: {seed: round(o.values.get(seed, float("nan")), 4) for seed in o.failing_seeds} | o.errors
               for o in outcomes if o.fails}
    assert not failing, failing
    assert all(len(o.values) == len(SEEDS) for o in outcomes)


def test_every_anchor_is_in_the_file_it_names():
    missing = [(claim.id, claim.where, claim.anchor) for claim in CLAIMS if not claim.anchored()]
    assert not missing, missing


def test_claim_ids_are_unique_and_many():
    repeated = [name for name, count in Counter(claim.id for claim in CLAIMS).items() if count > 1]
    assert not repeated
    assert len([claim for claim in CLAIMS if claim.pending is None]) >= 30


def test_numbers_read_as_people_write_them():
    assert number(0.0035, "share") == "0.35%"
    assert number(0.213, "share") == "21%"
    assert number(2.93, "ratio") == "2.9x"
    assert number(12_345, "money") == "$12.3k"


def _run_cli(data_dir, *args):
    env = {"CROSSTRAIN_DATA_DIR": str(data_dir), "COLUMNS": "250"}
    return CliRunner().invoke(cli, ["data", "claims", *args], env=env)


def test_cli_prints_the_table_and_exits_zero(tmp_path, asked):
    result = _run_cli(tmp_path, "--seeds", "2")
    assert result.exit_code == 0, result.stdout
    assert "deals.quarter_end" in result.stdout and "datasets/DATASHEET.md" in result.stdout
    assert "claims hold on 2 seeds" in result.stdout.splitlines()[-1]
    assert asked == [("default", 1, "clean"), ("default", 2, "clean")]
    assert not os.listdir(tmp_path)  # measured in memory: no world written to the data folder


def test_cli_exits_non_zero_on_a_failing_claim(tmp_path, asked, monkeypatch):
    impossible = Claim("test.impossible", "datasets/DATASHEET.md", "Datasheet", "More leads than leads.",
                       lambda w: 1.0, at_least(2.0), unit="ratio")
    broken = Claim("test.broken", "datasets/DATASHEET.md", "Datasheet", "A statistic that raises.",
                   lambda w: w.no_such_table, between(0, 1))
    monkeypatch.setattr(claims_package, "CLAIMS", [*CLAIMS[:2], impossible, broken])
    result = _run_cli(tmp_path, "--seeds", "2")
    assert result.exit_code == 1
    last = result.stdout.splitlines()[-1]
    assert last.startswith("2 of 4 claims fail on 2 seeds") and "test.impossible" in last and "test.broken" in last
    assert "FAILS on seeds 1, 2" in result.stdout and "ERROR (AttributeError" in result.stdout


def test_calibration_table_marks_unmet_targets(kept):
    table = markdown_table(kept[1])
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| target")]
    assert len(rows) == len(TARGETS)
    assert all(row.endswith("| yes |") or row.endswith("| not yet (World v2) |") for row in rows)
    assert "| Wins closing on a weekend |" in table
