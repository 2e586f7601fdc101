"""Module 00's exercises: the reference passes, each known-wrong answer fails helpfully."""

from __future__ import annotations

import pytest

from crosstrain.errors import CrosstrainError
from crosstrain.exercises import exercises_of, get
from crosstrain.exercises.proof import answer_of, reveals
from crosstrain.grading.graders import wrong_answers
from crosstrain.grading.sources import read_source, source_path
from crosstrain.paths import MODULES_DIR

MODULE = "00-orientation"
EXERCISES = exercises_of(MODULE)
WRONG = wrong_answers(MODULE)
SOLUTIONS = {c.name: c.source for c in read_source(source_path(MODULES_DIR, MODULE)) if c.kind == "answer"}


@pytest.mark.parametrize("name", list(EXERCISES))
def test_reference_solution_scores_full_and_checks_correct(name, default_world):
    exercise = EXERCISES[name]
    answer = answer_of(SOLUTIONS[name], exercise, default_world)
    assert exercise.score(answer, default_world) == 1.0
    assert exercise.check(answer, default_world).correct


@pytest.mark.parametrize("wrong", WRONG, ids=lambda w: f"{w.exercise}-{w.mistake}")
def test_known_wrong_answer_fails_with_a_message_that_keeps_the_answer_secret(wrong, default_world):
    exercise = EXERCISES[wrong.exercise]
    answer = answer_of(wrong.code, exercise, default_world)
    feedback = exercise.check(answer, default_world)
    assert not feedback.correct
    assert exercise.score(answer, default_world) < 1.0
    assert feedback.message and "not what the data gives" not in feedback.message, "a known mistake deserves a specific message"
    assert not reveals(feedback.message, exercise.expected(default_world)), feedback.message


def test_every_exercise_has_two_known_wrong_answers_and_a_hint():
    for name, exercise in EXERCISES.items():
        assert sum(w.exercise == name for w in WRONG) >= 2, name
        assert exercise.hint() and exercise.solution()


def test_expected_values_are_recomputed_from_the_world(default_world, tiny_world):
    changed = [n for n, e in EXERCISES.items() if e.expected(default_world) != e.expected(tiny_world)]
    assert {"q1", "q2", "q4"} <= set(changed)


def test_a_percentage_is_explained_as_a_share(default_world):
    message = get(MODULE, "q2").check(12.4, default_world).message
    assert "between 0 and 1" in message


def test_registry_names_what_exists():
    with pytest.raises(CrosstrainError, match="q1, q2"):
        get(MODULE, "q99")
    with pytest.raises(CrosstrainError, match="00-orientation"):
        get("99-nothing", "q1")
