"""Collecting hand-ins: learner folders, zips named for zip_collect, nbgrader's exchange."""

from __future__ import annotations

import io
import zipfile

import pytest

from crosstrain.errors import CrosstrainError
from crosstrain.grading.collect import TIMESTAMP_FILE, collect

A = "00-orientation"


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buffer.getvalue()


def test_folders_zips_and_loose_notebooks_mixed(tmp_path):
    src, dest = tmp_path / "in", tmp_path / "submitted"
    (src / "ann" / A).mkdir(parents=True)
    (src / "ann" / A / f"{A}.ipynb").write_text("{}")
    (src / "ben").mkdir()
    (src / "ben" / f"{A}.ipynb").write_text("{}")
    (src / "cat_attempt2.zip").write_bytes(_zip({f"cat/{A}.ipynb": "{}", "cat/data.csv": "a,b"}))
    (src / f"dan_{A}.ipynb").write_text("{}")
    found = {c.learner: c for c in collect(src, A, dest)}
    assert sorted(found) == ["ann", "ben", "cat", "dan"]
    for learner in found:
        assert (dest / learner / A / f"{A}.ipynb").is_file(), learner
    assert (dest / "cat" / A / "data.csv").read_text() == "a,b"
    assert all(c.digest and not c.problems for c in found.values())


def test_a_bad_zip_is_reported_against_its_learner_only(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "eve.zip").write_bytes(b"not a zip")
    (src / "fay.zip").write_bytes(_zip({f"{A}.ipynb": "{}"}))
    found = {c.learner: c for c in collect(src, A, tmp_path / "submitted")}
    assert found["eve"].folder is None
    assert found["eve"].problems == ["eve.zip is not a readable zip file (BadZipFile): ask eve to resubmit"]
    assert found["fay"].folder == tmp_path / "submitted" / "fay" / A


def test_zip_members_cannot_escape_and_bombs_are_refused(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "gus.zip").write_bytes(_zip({"../../out.txt": "x", f"{A}.ipynb": "{}"}))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.bin", b"\0" * (201 * 1024**2))
    (src / "hal.zip").write_bytes(bomb.getvalue())
    found = {c.learner: c for c in collect(src, A, tmp_path / "submitted")}
    assert not (tmp_path / "out.txt").exists() and not (tmp_path / "submitted" / "out.txt").exists()
    assert (tmp_path / "submitted" / "gus" / A / f"{A}.ipynb").is_file()
    assert found["hal"].folder is None and "more than 200 MB" in found["hal"].problems[0]


def test_the_exchange_gives_each_learners_newest_hand_in(tmp_path):
    inbound = tmp_path / "exchange" / "crosstrain" / "inbound"
    for stamp, text in [("2026-11-01 10:00:00.000000 UTC", "old"), ("2026-11-02 09:00:00.000000 UTC", "new")]:
        folder = inbound / f"ivy+{A}+{stamp}"
        folder.mkdir(parents=True)
        (folder / f"{A}.ipynb").write_text(text)
    (inbound / "joe+other-assignment+2026-11-01 10:00:00.000000 UTC").mkdir()
    [ivy] = collect(tmp_path / "exchange", A, tmp_path / "submitted")
    assert ivy.learner == "ivy"
    assert (tmp_path / "submitted" / "ivy" / A / f"{A}.ipynb").read_text() == "new"
    assert (tmp_path / "submitted" / "ivy" / A / TIMESTAMP_FILE).read_text().startswith("2026-11-02 09:00:00")


def test_unusable_learner_ids_and_empty_folders(tmp_path):
    src = tmp_path / "in"
    (src / "bad name").mkdir(parents=True)
    [bad] = collect(src, A, tmp_path / "submitted")
    assert bad.folder is None and "not a usable learner id" in bad.problems[0]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CrosstrainError, match="no submissions found in"):
        collect(empty, A, tmp_path / "submitted")


def test_recollecting_an_unchanged_hand_in_keeps_its_digest(tmp_path):
    src = tmp_path / "in"
    (src / "kim").mkdir(parents=True)
    (src / "kim" / f"{A}.ipynb").write_text("{}")
    first = collect(src, A, tmp_path / "submitted")[0].digest
    assert collect(src, A, tmp_path / "submitted")[0].digest == first
    (src / "kim" / f"{A}.ipynb").write_text('{"changed": 1}')
    assert collect(src, A, tmp_path / "submitted")[0].digest != first
