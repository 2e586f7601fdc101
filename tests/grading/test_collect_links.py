"""Collection never follows a link and never drops a file without saying why.

Each level a link can hide at (learner folder, assignment folder, notebook, any file or
folder inside, loose notebook or zip, exchange entry and its content, zip member) is
refused, and the refusal is a problem line naming what was refused and what to do.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

from crosstrain.grading.collect import collect

A = "00-orientation"
NB = f"{A}.ipynb"


def _by_learner(src: Path, dest: Path):
    return {c.learner: c for c in collect(src, A, dest)}


def _learner(src: Path, name: str, text: str = '{"mine": 1}') -> Path:
    folder = src / name
    folder.mkdir(parents=True)
    (folder / NB).write_text(text)
    return folder


def _said(item, *words: str) -> None:
    text = "\n".join(item.problems)
    for word in words:
        assert word in text, text


def test_a_learner_folder_linking_to_another_learner_is_refused(tmp_path):
    src, dest = tmp_path / "in", tmp_path / "submitted"
    ann = _learner(src, "ann", '{"ann": 1}')
    (src / "ben").symlink_to(ann, target_is_directory=True)
    found = _by_learner(src, dest)
    assert found["ann"].folder == dest / "ann" / A and not found["ann"].problems
    assert found["ben"].folder is None and not (dest / "ben").exists()
    _said(found["ben"], "ben in in is a link (to", str(ann), "links are never followed", "ask ben to hand in")


def test_a_learner_folder_linking_to_the_solutions_is_refused(tmp_path):
    solutions = tmp_path / "course" / "source" / A
    _learner(solutions.parent, A, '{"solution": 1}')
    src = tmp_path / "in"
    src.mkdir()
    (src / "cat").symlink_to(solutions, target_is_directory=True)
    [cat] = collect(src, A, tmp_path / "submitted")
    assert cat.folder is None and not (tmp_path / "submitted" / "cat").exists()
    _said(cat, str(solutions), "refused")


def test_an_assignment_folder_that_is_a_link_is_refused(tmp_path):
    src = tmp_path / "in"
    other = _learner(tmp_path / "elsewhere", "someone")
    (src / "dan").mkdir(parents=True)
    (src / "dan" / A).symlink_to(other, target_is_directory=True)
    [dan] = collect(src, A, tmp_path / "submitted")
    assert dan.folder is None
    _said(dan, f"dan/{A} is a link", "ask dan")


def test_links_inside_a_hand_in_are_refused_each_with_its_reason(tmp_path):
    src, dest = tmp_path / "in", tmp_path / "submitted"
    outside = _learner(tmp_path / "elsewhere", "x", '{"not yours": 1}')
    eve = src / "eve"
    eve.mkdir(parents=True)
    (eve / NB).symlink_to(outside / NB)
    (eve / "data").symlink_to(outside, target_is_directory=True)
    (eve / "notes.txt").write_text("kept")
    [item] = collect(src, A, dest)
    assert item.folder == dest / "eve" / A
    assert sorted(p.name for p in item.folder.iterdir()) == ["notes.txt"]
    _said(item, f"{NB} in eve's hand-in is a link (to {outside / NB})", "data in eve's hand-in is a link", "ask eve")
    assert len(item.problems) == 2


def test_a_special_file_is_refused_not_read(tmp_path):
    src = tmp_path / "in"
    fay = _learner(src, "fay")
    os.mkfifo(fay / "pipe")
    [item] = collect(src, A, tmp_path / "submitted")
    assert (item.folder / NB).is_file() and not (item.folder / "pipe").exists()
    _said(item, "pipe in fay's hand-in is not a regular file")


def test_loose_notebooks_and_zips_that_are_links_are_refused(tmp_path):
    src = tmp_path / "in"
    real = _learner(tmp_path / "elsewhere", "x")
    src.mkdir()
    (src / f"gus_{A}.ipynb").symlink_to(real / NB)
    (src / "hal.zip").symlink_to(real / NB)
    found = _by_learner(src, tmp_path / "submitted")
    assert found["gus"].folder is None and found["hal"].folder is None
    _said(found["gus"], f"gus_{A}.ipynb in in is a link")
    _said(found["hal"], "hal.zip in in is a link")


def _zip_with(members: list[tuple[zipfile.ZipInfo | str, str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for info, text in members:
            zf.writestr(info, text)
    return buffer.getvalue()


def test_zip_members_that_are_links_or_climb_out_are_flagged_and_the_rest_unpacked(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    link = zipfile.ZipInfo("work/answers.txt")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    (src / "ivy.zip").write_bytes(_zip_with([
        (link, "/etc/passwd"), ("../../escaped.txt", "x"), ("/tmp/absolute-escape.txt", "x"),
        (f"work/{NB}", "{}"),
    ]))
    [ivy] = collect(src, A, tmp_path / "submitted")
    assert sorted(p.name for p in ivy.folder.rglob("*")) == [NB]
    assert not (tmp_path / "escaped.txt").exists()
    _said(ivy, "ivy.zip: work/answers.txt is a link inside the zip: not unpacked",
          "ivy.zip: ../../escaped.txt would unpack outside the hand-in",
          "ivy.zip: /tmp/absolute-escape.txt would unpack outside the hand-in", "ask ivy")
    assert len(ivy.problems) == 3


def test_exchange_entries_that_are_links_are_refused(tmp_path):
    inbound = tmp_path / "exchange" / "inbound"
    real = inbound / f"joe+{A}+2026-11-01 10:00:00.000000 UTC"
    real.mkdir(parents=True)
    (real / NB).write_text('{"joe": 1}')
    other = _learner(tmp_path / "elsewhere", "x", '{"not joe": 1}')
    (inbound / f"joe+{A}+2026-11-02 10:00:00.000000 UTC").symlink_to(other, target_is_directory=True)
    (inbound / f"kim+{A}+2026-11-02 10:00:00.000000 UTC").symlink_to(other, target_is_directory=True)
    lea = inbound / f"lea+{A}+2026-11-02 10:00:00.000000 UTC"
    lea.mkdir()
    (lea / NB).symlink_to(other / NB)
    found = _by_learner(tmp_path / "exchange", tmp_path / "submitted")
    assert (found["joe"].folder / NB).read_text() == '{"joe": 1}'  # the newest entry that is not a link
    _said(found["joe"], f"the exchange entry joe+{A}+2026-11-02", "is a link", "ask joe")
    assert found["kim"].folder is None
    _said(found["kim"], "the exchange entry kim+", "refused")
    assert not (found["lea"].folder / NB).exists()
    _said(found["lea"], f"{NB} in lea's hand-in is a link")
