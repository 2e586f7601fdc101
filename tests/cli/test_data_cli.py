"""``crosstrain data`` as a user runs it: help with examples, summaries, one-line errors, exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crosstrain.world.recipe import load_recipe


def run(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "crosstrain", *args], capture_output=True, text=True, **kwargs)


def test_help_lists_verbs_with_examples():
    result = run("--help")
    assert result.returncode == 0
    assert "data" in result.stdout and "Examples" in result.stdout
    for verb in ("generate", "describe", "validate"):
        sub = run("data", verb, "--help")
        assert sub.returncode == 0 and "Examples" in sub.stdout, verb


def test_generate_describe_validate(tmp_path):
    out = tmp_path / "tiny"
    made = run("data", "generate", "tiny", "--out", str(out), "--quiet")
    assert made.returncode == 0, made.stderr
    leads = load_recipe("tiny").sizes["leads"]
    assert f"{leads:,} leads" in made.stdout and str(out) in made.stdout
    assert run("data", "describe", str(out)).stdout == made.stdout
    checked = run("data", "validate", str(out))
    assert checked.returncode == 0 and "all integrity checks pass" in checked.stdout


def test_validate_exits_1_on_a_faulty_world(tmp_path):
    out = tmp_path / "raw"
    assert run("data", "generate", "tiny", "--leads", "3000", "--variant", "raw", "--out", str(out), "--quiet").returncode == 0
    checked = run("data", "validate", str(out))
    assert checked.returncode == 1 and "close date in the past" in checked.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["data", "generate", "huge"], "unknown preset 'huge'"),
        (["data", "generate", "tiny", "--seed", "abc"], "seed must be a whole number"),
        (["data", "generate", "tiny", "--leads", "-5"], "leads must be a whole number"),
        (["data", "generate", "tiny", "--out", "/proc/crosstrain"], "cannot write"),
        (["data", "describe", "/nonexistent/world"], "no world at"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2, result
    assert message in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr


def test_existing_folder_needs_force(tmp_path):
    out = tmp_path / "w"
    out.mkdir()
    (out / "keep.txt").write_text("keep")
    result = run("data", "generate", "tiny", "--out", str(out), "--quiet")
    assert result.returncode == 2 and "--force" in result.stderr
    assert (out / "keep.txt").exists()
