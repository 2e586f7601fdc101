"""Stripped, re-tagged or invented nbgrader metadata is repaired before nbgrader's sanitize step.

Without a kernel: pre-flight and nbgrader's own sanitize preprocessors run on each hostile
hand-in, which must come out with the release's cells, points and the learner's answers,
and say what was repaired only once nbgrader's step has run.
"""

from __future__ import annotations

import logging

import nbformat
import pytest
from handins import MODULE, Kit, fresh_course, load_fixture, write_hand_in

from crosstrain.course.config import course_config
from crosstrain.grading.pipeline import Pipeline, open_submission
from crosstrain.grading.preflight import expected_notebooks, preflight
from crosstrain.grading.realign import realign


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = fresh_course(tmp_path_factory.mktemp("repair"))
    config = course_config(root)
    expected = expected_notebooks(config.CourseDirectory.db_url, MODULE, root / "release" / MODULE)
    return root, Kit(root), expected, Pipeline.from_config(config, logging.getLogger("test-repair"))


def _sanitized(course, tmp_path, fixture: str):
    root, kit, expected, pipeline = course
    write_hand_in(tmp_path, fixture, load_fixture(fixture).hand_in(kit))
    prepared = preflight(tmp_path / fixture, expected)
    open_submission(pipeline.db_url, MODULE, fixture)
    nb = pipeline.run_sanitize(prepared.notebooks[MODULE], pipeline.resources(fixture, MODULE, MODULE))
    return prepared, nb, kit


def _metadata(nb) -> dict:
    return {c.metadata.nbgrader["grade_id"]: {k: v for k, v in c.metadata.nbgrader.items() if k != "checksum"}
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")}


def _answers(nb) -> dict:
    return {gid: c.source for c in nb.cells if (gid := c.metadata.get("nbgrader", {}).get("grade_id", "")).endswith("_answer")}


@pytest.mark.parametrize("fixture", ["strips_all_metadata", "retags_answer_as_grade_cell", "adds_bonus_grade_cell"])
def test_the_release_metadata_is_restored_and_the_answers_kept(course, tmp_path, fixture):
    prepared, nb, kit = _sanitized(course, tmp_path, fixture)
    assert _metadata(nb) == _metadata(kit.blank())
    assert _answers(nb) == _answers(kit.solved())
    said = prepared.pending[MODULE].flags
    assert any(load_fixture(fixture).OUTCOME["flag"] in line for line in said), said
    assert not prepared.flags and not prepared.repairs  # nothing is reported before sanitize ran


def test_stripped_cells_are_found_by_position_between_scratch_cells(course):
    _, kit, _, _ = course
    nb = kit.solved()
    answer = kit.cell(nb, "q2_answer")
    nb.cells.insert(nb.cells.index(answer) + 1, nbformat.v4.new_code_cell("scratch = 1"))
    kit.cell(nb, "q3").source = "ex.q3.check(top_channel)  # edited"
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    said = realign(nb.cells, kit.blank().cells)
    assert _metadata(nb) == _metadata(kit.blank())
    assert kit.cell(nb, "q2_answer").source == kit.cell(kit.solved(), "q2_answer").source
    assert kit.cell(nb, "q3").source.endswith("# edited")  # found though edited; sanitize restores it
    assert said == ["nbgrader metadata was missing from 16 cells (front_matter, welcome, setup, q1_answer, q1, q2_answer, "
                    "q2, q3_answer, q3, q4_answer, q4, teams, q5_answer, q5, reflection_prompt, reflection): "
                    "matched to the release by position and content and restored"]


def test_a_deleted_cell_is_left_to_nbgrader_and_reported_as_deleted(course, tmp_path):
    root, kit, expected, _ = course
    nb = kit.solved()
    nb.cells.remove(kit.cell(nb, "q1"))
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    write_hand_in(tmp_path, "zoe", {kit.name: nb})
    prepared = preflight(tmp_path / "zoe", expected)
    pending = prepared.pending[MODULE]
    assert any("missing from 15 cells" in line for line in pending.flags)
    assert pending.repairs == ["cell q1 was deleted (or its nbgrader metadata removed): put back from the release"]


def test_repairs_of_a_notebook_wait_for_its_sanitize_step(course, tmp_path):
    _, kit, expected, _ = course
    nb = kit.solved()
    copy = nbformat.from_dict(kit.cell(nb, "q2"))
    nb.cells.insert(0, copy)
    write_hand_in(tmp_path, "ada", {"00-orientation (1).ipynb": nb, "notes.ipynb": "{}"})
    prepared = preflight(tmp_path / "ada", expected)
    assert prepared.repairs == ["notes.ipynb is not part of the assignment: ignored"]
    assert prepared.pending[MODULE].repairs == ["00-orientation (1).ipynb matched by its cells and renamed 00-orientation.ipynb",
                                                "cell q2 appears 2 times: only the last copy is graded"]
