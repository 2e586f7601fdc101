"""The workspace gets the path's release notebooks and never loses a learner's work."""

from __future__ import annotations

import json

import pytest

from crosstrain.errors import CrosstrainError
from crosstrain.grading.build import build
from crosstrain.learner.workspace import MANIFEST, module_notebook, prepare, sha256

MODULE = "00-orientation"


def test_copies_the_path_and_skips_unwritten_modules(course, tmp_path):
    ws = tmp_path / "ws"
    report = prepare(ws, "sales", course)
    notebook = module_notebook(ws, MODULE)
    assert notebook.read_bytes() == (course / "release" / MODULE / f"{MODULE}.ipynb").read_bytes()
    assert report.modules == [MODULE]
    assert f"{MODULE}/{MODULE}.ipynb: copied" in report.lines
    assert "09-future: not written yet, skipped" in report.lines
    manifest = json.loads((ws / MANIFEST).read_text())
    assert manifest["path"] == "sales"
    assert manifest["files"][f"{MODULE}/{MODULE}.ipynb"]["sha256"] == sha256(notebook)


def test_marketing_path_leaves_out_sales_only_modules(course, tmp_path):
    report = prepare(tmp_path / "ws", "marketing", course)
    assert not any("09-future" in line for line in report.lines)


def test_second_run_changes_nothing(course, tmp_path):
    prepare(tmp_path / "ws", "all", course)
    again = prepare(tmp_path / "ws", "all", course)
    assert [line for line in again.lines if MODULE in line] == []


def test_edited_notebook_is_never_overwritten(course, tmp_path):
    ws = tmp_path / "ws"
    prepare(ws, "all", course)
    notebook = module_notebook(ws, MODULE)
    mine = notebook.read_text().replace("# YOUR CODE HERE", "n_leads = len(world.leads)  # mine", 1)
    notebook.write_text(mine)
    release = course / "release" / MODULE / f"{MODULE}.ipynb"
    release.write_text(release.read_text().replace("Warm-up 1", "Warm-up one"))  # the course moves on
    report = prepare(ws, "all", course)
    assert notebook.read_text() == mine
    assert f"{MODULE}/{MODULE}.ipynb: yours (changed since it was copied), kept as it is" in report.lines


def test_untouched_notebook_follows_a_newer_release(course, tmp_path):
    ws = tmp_path / "ws"
    prepare(ws, "all", course)
    release = course / "release" / MODULE / f"{MODULE}.ipynb"
    release.write_text(release.read_text().replace("Warm-up 1", "Warm-up one"))
    report = prepare(ws, "all", course)
    assert "Warm-up one" in module_notebook(ws, MODULE).read_text()
    assert any("updated to the course's newer version" in line for line in report.lines)


def test_unknown_notebook_without_manifest_is_kept(course, tmp_path):
    ws = tmp_path / "ws"
    theirs = module_notebook(ws, MODULE)
    theirs.parent.mkdir(parents=True)
    theirs.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    report = prepare(ws, "all", course)
    assert theirs.read_text().startswith('{"cells": []')
    assert any("yours" in line for line in report.lines)


def test_unknown_path_is_one_line(course, tmp_path):
    with pytest.raises(CrosstrainError, match=r"unknown path 'finance': choose one of marketing, sales, everyone, all"):
        prepare(tmp_path / "ws", "finance", course)
    assert not (tmp_path / "ws").exists()


def test_damaged_manifest_is_one_line(course, tmp_path):
    ws = tmp_path / "ws"
    prepare(ws, "all", course)
    (ws / MANIFEST).write_text("{not json")
    with pytest.raises(CrosstrainError, match="is damaged: delete it"):
        prepare(ws, "all", course)


def test_missing_release_is_built_with_the_engine(unreleased_course, tmp_path):
    """No release yet: prepare runs the build it is given (the grader's), into this course only."""
    release = unreleased_course / "release" / MODULE / f"{MODULE}.ipynb"
    assert not release.exists()
    report = prepare(tmp_path / "ws", "all", unreleased_course, build=build)
    assert release.is_file() and (unreleased_course / "gradebook.db").is_file()
    assert module_notebook(tmp_path / "ws", MODULE).read_bytes() == release.read_bytes()
    assert report.modules == [MODULE]


def test_missing_release_without_a_build_says_what_to_run(unreleased_course, tmp_path):
    """Learner verbs do not import the grader: with no build given, a missing release is a one-line error."""
    with pytest.raises(CrosstrainError, match=f"run crosstrain build {MODULE}"):
        prepare(tmp_path / "ws", "all", unreleased_course)
    assert not (unreleased_course / "release" / MODULE).exists()
