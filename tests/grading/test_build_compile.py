"""The compiler: module source text to nbgrader source notebook metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosstrain.course.sources import source_path
from crosstrain.course.syllabus import load_syllabus
from crosstrain.errors import CrosstrainError
from crosstrain.grading.compile import compile_module, points_of
from crosstrain.notebook.placeholder import starter_line
from crosstrain.paths import COURSE_DIR, MODULES_DIR

MODULE = load_syllabus(COURSE_DIR).module("00-orientation")
SOURCE = source_path(MODULES_DIR, MODULE.id).read_text(encoding="utf-8")


def _compile(tmp_path: Path, text: str = SOURCE):
    path = tmp_path / "00-orientation.py"
    path.write_text(text, encoding="utf-8")
    return compile_module(MODULE, path)


def _by_id(notebook):
    return {c.metadata["nbgrader"]["grade_id"]: c for c in notebook.cells if "nbgrader" in c.metadata}


def test_cells_get_nbgrader_metadata_from_their_markers(tmp_path):
    cells = _by_id(_compile(tmp_path))
    assert cells["q1_answer"].metadata["nbgrader"] == {"grade": False, "solution": True, "locked": False, "grade_id": "q1_answer", "schema_version": 3}
    assert cells["q5"].metadata["nbgrader"] == {"grade": True, "solution": False, "locked": True, "grade_id": "q5", "points": 2, "schema_version": 3}
    assert cells["reflection"].cell_type == "markdown"
    assert cells["reflection"].metadata["nbgrader"] == {"grade": True, "solution": True, "locked": False, "grade_id": "reflection", "points": 2, "schema_version": 3}
    assert cells["setup"].metadata["nbgrader"]["locked"] and not cells["setup"].metadata["nbgrader"]["grade"]
    assert cells["front_matter"].metadata["nbgrader"]["locked"]


def test_markers_become_nbgrader_delimiters(tmp_path):
    cells = _by_id(_compile(tmp_path))
    # the starter line stays in the release (Run All runs on), the solution becomes the stub
    assert cells["q1_answer"].source == (f"{starter_line('n_leads')}\n"
                                         "### BEGIN SOLUTION\nn_leads = len(world.leads)\n### END SOLUTION")
    assert starter_line("n_leads").startswith("n_leads = ____  #")
    assert cells["q1"].source == "ex.q1.check(n_leads)\n### BEGIN HIDDEN TESTS\nex.q1.grade(n_leads)\n### END HIDDEN TESTS"


def test_grade_ids_are_unique_and_points_add_up_to_the_syllabus(tmp_path):
    notebook = _compile(tmp_path)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in notebook.cells if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids))
    assert len({c.id for c in notebook.cells}) == len(notebook.cells)
    assert points_of(notebook) == MODULE.points


def test_front_matter_ties_objectives_to_exercises(tmp_path):
    front = _compile(tmp_path).cells[0].source
    assert MODULE.title in front and "45 minutes" in front and "(exercises: q5, reflection)" in front
    assert "**For:** every new hire." in front  # 00 is core: on every path


def test_compiling_twice_gives_identical_notebooks(tmp_path):
    assert _compile(tmp_path) == _compile(tmp_path)


def test_duplicate_exercise_name_is_an_error_naming_the_line(tmp_path):
    text = SOURCE.replace("# %% tests q2\n", "# %% tests q1\n")
    first, second = [i + 1 for i, line in enumerate(text.splitlines()) if line == "# %% tests q1"]
    with pytest.raises(CrosstrainError, match=f"line {second}: the name 'q1' is already used at line {first}"):
        _compile(tmp_path, text)


@pytest.mark.parametrize("change, message", [
    (("# %% answer q1\n", "# %% anwser q1\n"), "unknown cell marker 'anwser'"),
    (("# %% tests q1\n", "# %% tests q1 points=3\n"), "says points=3, but exercise q1 is worth 1"),
    (("ex.q1.check(n_leads)\n# hidden\n", "ex.q1.check(n_leads)\n"), "has no '# hidden' line"),
    (("ex.q1.grade(n_leads)\n", "ex.q1.grade(n_leads)\nprint('done')\n"), "must be ex.q1.grade"),
    (("# %% answer q3\n", "# %% answer q9\n"), "answer q9 has no 'tests q9' cell"),
])
def test_bad_markers_are_errors_naming_the_line(tmp_path, change, message):
    text = SOURCE.replace(*change)
    assert text != SOURCE
    with pytest.raises(CrosstrainError, match="line [0-9]+") as error:
        _compile(tmp_path, text)
    assert message in str(error.value)


def test_syllabus_errors_say_what_to_fix(tmp_path):
    (tmp_path / "syllabus.yml").write_text((COURSE_DIR / "syllabus.yml").read_text().replace("paths: [everyone]", "paths: [everyone, finance]", 1))
    with pytest.raises(CrosstrainError, match="unknown paths \\['finance'\\]"):
        load_syllabus(tmp_path)
    with pytest.raises(CrosstrainError, match="unknown module '99-x': the modules are 00-orientation"):
        load_syllabus(COURSE_DIR).select(["99-x"])


def test_every_graded_item_must_assess_an_objective(tmp_path):
    (tmp_path / "syllabus.yml").write_text((COURSE_DIR / "syllabus.yml").read_text().replace("exercises: [q5, reflection]", "exercises: [q5]", 1)
                                             .replace("exercises: [q1, q3, q4, reflection]", "exercises: [q1, q3, q4]", 1))
    module = load_syllabus(tmp_path).module("00-orientation")
    with pytest.raises(CrosstrainError, match="reflection of 00-orientation assess no objective"):
        compile_module(module, source_path(MODULES_DIR, module.id))
