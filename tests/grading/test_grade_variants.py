"""A world per learner: ``crosstrain grade`` grades each learner on their own data.

Two learners with a world each hand in their correct answers as values (what a
learner would paste from a friend), are graded with full marks, then hand in each
other's values and lose exactly the points of the exercises whose answers depend on
the data. Run through the real CLI, as a trainer would, with nbgrader executing.
"""

from __future__ import annotations

import ast
import copy
import csv
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from handins import MODULE, fresh_course

from crosstrain import load_world
from crosstrain.course.variants import save_assignment
from crosstrain.grading.cohort import released
from crosstrain.notebook.exercises import exercises_of
from crosstrain.workshop.variants import make_assignment

pytestmark = [pytest.mark.kernel]

CLI = [str(Path(sys.executable).parent / "crosstrain")]
LEARNERS = ("ana", "ben")


def _grade(course: Path, hand_ins: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CROSSTRAIN_WORLD", "CROSSTRAIN_SEED")}
    return subprocess.run(CLI + ["grade", MODULE, "--from", str(hand_ins), "--course", str(course), "--quiet",
                                 "--timeout", "600", "--cell-timeout", "300"], capture_output=True, text=True, env=env, timeout=900)


def _scores(course: Path) -> dict[str, dict[str, str]]:
    with open(course / "reports" / f"{MODULE}-grades.csv", newline="") as handle:
        return {row["learner"]: row for row in csv.DictReader(handle)}


def _with_values(course: Path, answers: dict[str, object]) -> nbformat.NotebookNode:
    """The release with each answer cell holding a plain value, as if pasted in."""
    nb = copy.deepcopy(released(course, MODULE))
    exercises = exercises_of(MODULE)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        name = grade_id.removesuffix("_answer")
        if grade_id.endswith("_answer") and name in answers:
            literal = repr(answers[name])
            assert ast.literal_eval(literal) == answers[name]
            cell.source = f"{exercises[name].variable} = {literal}"
    return nb


def _hand_in(folder: Path, who: str, nb) -> None:
    (folder / who).mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / who / f"{MODULE}.ipynb")


@pytest.fixture(scope="module")
def variant_course(tmp_path_factory):
    root = tmp_path_factory.mktemp("variants")
    course = fresh_course(root)
    assignment = make_assignment("per-learner", "tiny", {learner: learner for learner in LEARNERS})
    save_assignment(course, assignment)
    worlds = {who: load_world("tiny", seed=assignment.seed_for(who), progress=False) for who in LEARNERS}
    right = {who: {name: ex.expected(worlds[who]) for name, ex in exercises_of(MODULE).items()} for who in LEARNERS}
    return root, course, worlds, right


def test_the_two_learners_really_have_different_data(variant_course):
    _, _, worlds, right = variant_course
    assert worlds["ana"].seed != worlds["ben"].seed
    assert right["ana"] != right["ben"]


def test_each_earns_full_marks_with_their_own_answers_and_loses_them_with_the_others(variant_course):
    root, course, worlds, right = variant_course
    own, swapped = root / "own", root / "swapped"
    for who, other in (LEARNERS, LEARNERS[::-1]):
        _hand_in(own, who, _with_values(course, right[who]))
        _hand_in(swapped, who, _with_values(course, right[other]))
    first = _grade(course, own)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "worlds:   a world per-learner" in first.stdout
    graded = _scores(course)
    exercises = exercises_of(MODULE)
    for who in LEARNERS:
        for name, exercise in exercises.items():
            assert float(graded[who][f"{name} (of {exercise.points:g})"]) == exercise.points, (who, name, graded[who])

    second = _grade(course, swapped)
    assert second.returncode == 0, second.stdout + second.stderr
    regraded = _scores(course)
    data_dependent = {name for name in exercises if right["ana"][name] != right["ben"][name]}
    assert data_dependent, "the two worlds must differ in at least one answer"
    for who in LEARNERS:
        for name, exercise in exercises.items():
            earned = float(regraded[who][f"{name} (of {exercise.points:g})"])
            if name in data_dependent:
                assert earned < exercise.points, (who, name, regraded[who])
            else:  # a question about concepts: the same answer is right on every world
                assert earned == exercise.points, (who, name, regraded[who])
        assert float(regraded[who]["score"]) < float(graded[who]["score"])


def test_a_learner_off_the_roster_is_graded_on_the_shared_world_and_flagged(tmp_path):
    course = fresh_course(tmp_path)
    save_assignment(course, make_assignment("per-team", "tiny", {"ana": "red"}))
    shared = load_world("tiny", progress=False)
    answers = {name: ex.expected(shared) for name, ex in exercises_of(MODULE).items()}
    _hand_in(tmp_path / "in", "zoe", _with_values(course, answers))
    run = _grade(course, tmp_path / "in")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "flagged zoe: not on the workshop roster, so graded on the shared tiny world" in run.stdout
    row = _scores(course)["zoe"]
    assert float(row["score"]) == sum(ex.points for ex in exercises_of(MODULE).values())
