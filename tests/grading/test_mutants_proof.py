"""The mutation run's scoring path is nbgrader's: same points on the solution and on known-wrong answers.

``crosstrain validate --mutants`` never runs a notebook through nbgrader (too slow per
mutant): it replays the lesson once and runs each exercise's test cell in-process. This
proves, on module 00, that it gives exactly the points nbgrader's autograde gives.
"""

from __future__ import annotations

import shutil

import pytest

from crosstrain.grading import graders
from crosstrain.grading.mutation.replay import CellFailed, points, replay
from crosstrain.grading.validate import validate
from crosstrain.paths import COURSE_DIR, GRADERS_DIR, MODULES_DIR

MODULE = "00-orientation"

pytestmark = pytest.mark.kernel


def _points(stage, code: str) -> float:
    try:
        return points(stage, code)[1]
    except CellFailed:  # nbgrader: the answer cell fails, the test cell then fails too
        return 0.0


def test_in_process_points_equal_nbgraders_on_the_solution_and_known_wrong_answers(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    for name in ("nbgrader_config.py", "syllabus.yml"):
        shutil.copy(COURSE_DIR / name, course / name)
    [report] = validate([MODULE], course, MODULES_DIR, GRADERS_DIR, progress=False)
    nbgrader = {row.name: row for row in report.rows if row.autograded}
    stages = {stage.exercise.name: stage for stage in replay(MODULE)}
    assert set(stages) == set(nbgrader)
    compared = []
    for name, stage in stages.items():
        assert _points(stage, stage.answer) == nbgrader[name].solution == stage.exercise.points
        for wrong in graders.wrong_answers(MODULE):
            if wrong.exercise == name:
                ours = _points(stage, wrong.code)
                assert ours == pytest.approx(nbgrader[name].wrong[wrong.mistake], abs=1e-6), (name, wrong.mistake)
                compared.append(ours)
    assert len(compared) >= len(stages) * graders.MIN_WRONG_PER_EXERCISE
    assert min(compared) == 0 and max(compared) < max(s.exercise.points for s in stages.values())
