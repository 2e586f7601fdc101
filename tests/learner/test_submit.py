"""``crosstrain submit`` packs a zip that crosstrain grade's collector and nbgrader's
zip_collect plugins both read back to the right learner and notebook."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime

import pytest

from crosstrain.errors import CrosstrainError
from crosstrain.learner.assessment import KERNEL, KERNELSPEC, with_kernel
from crosstrain.learner.submit import TIMESTAMP_FILE, ZIP_COLLECT_REGEXP, check_learner_id, submit
from crosstrain.learner.workspace import module_notebook, prepare

MODULE = "00-orientation"


@pytest.fixture
def ws(course, tmp_path):
    prepare(tmp_path / "ws", "all", course)
    return tmp_path / "ws"


def test_zip_is_named_and_filled_for_the_grader(ws, course, tmp_path):
    when = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
    done = submit("00", ws, "alice.martin", tmp_path / "out", course, now=when)
    assert done.archive == tmp_path / "out" / "alice.martin_00-orientation.zip"
    with zipfile.ZipFile(done.archive) as zf:
        assert sorted(zf.namelist()) == [f"{MODULE}.ipynb", TIMESTAMP_FILE]
        assert zf.read(f"{MODULE}.ipynb") == module_notebook(ws, MODULE).read_bytes()
        stamp = zf.read(TIMESTAMP_FILE).decode()
    from nbgrader.utils import parse_utc

    assert parse_utc(stamp) == when.replace(tzinfo=None)
    assert any("q1" in w for w in done.warnings)  # nothing answered yet: said, but packed anyway


def test_an_assessment_hand_in_names_the_release_kernel_again(ws, course, tmp_path):
    """Lab ran it on the assessment kernel; the grader runs its own and must see no kernel change."""
    notebook = module_notebook(ws, MODULE)
    notebook.write_bytes(with_kernel(notebook.read_bytes()).replace(b"# YOUR CODE HERE", b"n_leads = 3", 1))
    done = submit("00", ws, "alice.martin", tmp_path / "out", course)
    with zipfile.ZipFile(done.archive) as zf:
        packed = json.loads(zf.read(f"{MODULE}.ipynb"))
    release = json.loads((course / "release" / MODULE / f"{MODULE}.ipynb").read_text())
    assert json.loads(notebook.read_text())["metadata"]["kernelspec"]["name"] == KERNEL
    assert packed["metadata"]["kernelspec"] == release["metadata"]["kernelspec"] != KERNELSPEC
    assert "n_leads = 3" in json.dumps(packed["cells"])


def test_crosstrain_grade_collector_reads_it_back(ws, course, tmp_path):
    from crosstrain.grading.collect import collect

    inbox = tmp_path / "inbox"
    submit(MODULE, ws, "alice", inbox, course)
    submit(MODULE, ws, "bob-2", inbox, course)
    found = collect(inbox, MODULE, tmp_path / "submitted")
    assert [(c.learner, c.problems) for c in found] == [("alice", []), ("bob-2", [])]
    assert (tmp_path / "submitted" / "alice" / MODULE / f"{MODULE}.ipynb").is_file()
    assert (tmp_path / "submitted" / "alice" / MODULE / TIMESTAMP_FILE).is_file()


def test_nbgrader_zip_collect_plugins_read_it_back(ws, course, tmp_path):
    from nbgrader.plugins.zipcollect import ExtractorPlugin, FileNameCollectorPlugin

    archive, extracted = tmp_path / "archive", tmp_path / "extracted"
    extracted.mkdir()
    submit(MODULE, ws, "alice", archive, course)
    ExtractorPlugin().extract(str(archive), str(extracted))
    files = sorted(str(p) for p in extracted.rglob("*") if p.is_file())
    collector = FileNameCollectorPlugin(named_regexp=ZIP_COLLECT_REGEXP)
    infos = [info for info in map(collector.collect, files) if info]
    assert len(infos) == 1
    assert infos[0]["student_id"] == "alice" and infos[0]["file_id"] == f"{MODULE}.ipynb"


def test_learner_id_is_remembered(ws, course, tmp_path):
    submit(MODULE, ws, "carol", tmp_path / "out", course)
    assert submit(MODULE, ws, None, tmp_path / "out", course).learner == "carol"


@pytest.mark.parametrize("bad, says", [
    ("alice_m", "contains '_'"),
    ("alice martin", "is not a valid learner id"),
    ("../etc", "is not a valid learner id"),
    ("", "is not a valid learner id"),
])
def test_bad_learner_ids_are_refused(bad, says):
    with pytest.raises(CrosstrainError, match=says):
        check_learner_id(bad)


def test_cli_errors_are_one_line(ws, course, cli, tmp_path):
    no_id = cli("submit", MODULE, "--workspace", str(ws), "--course", str(course))
    assert no_id.returncode == 2 and no_id.stderr.startswith("error: who is submitting? give --learner ID")
    bad_id = cli("submit", MODULE, "--workspace", str(ws), "--learner", "al ice", "--course", str(course))
    assert bad_id.returncode == 2 and len(bad_id.stderr.strip().splitlines()) == 1
    unknown = cli("submit", "07", "--workspace", str(ws), "--learner", "alice", "--course", str(course))
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "error: unknown module '07': the syllabus lists 00-orientation, 09-future (not written yet)"
    ok = cli("submit", MODULE, "--workspace", str(ws), "--learner", "alice", "--course", str(course), "--out", str(tmp_path / "o"))
    assert ok.returncode == 0 and "packed" in ok.stdout and (tmp_path / "o" / f"alice_{MODULE}.zip").is_file()


def test_missing_notebook_is_one_line(course, tmp_path):
    with pytest.raises(CrosstrainError, match="run crosstrain lab first"):
        submit(MODULE, tmp_path / "empty", "alice", tmp_path / "out", course)
