"""Known mistakes in scoring and messages: the core mistake earns nothing, twins are both named.

Built on small constructed exercises, so each rule is seen alone, whatever the modules hold.
"""

from __future__ import annotations

import pytest

from crosstrain.notebook.answers import Count, Mapping
from crosstrain.notebook.exercise import PARTIAL_CAP, Exercise, Mistake
from crosstrain.notebook.exercises import MODULES, exercises_of

RIGHT = {"lead": "marketing", "mql": "marketing", "sal": "sdr", "sql": "sdr"}
SDR_TOO_LATE = {**RIGHT, "sal": "marketing"}  # 3 of 4 parts right
MARKETING_KEEPS = {**RIGHT, "sql": "marketing"}  # 3 of 4 parts right too


def _owners(core: str | None = None, extra: tuple[Mistake, ...] = ()) -> Exercise:
    mistakes = (Mistake("sdr_too_late", lambda w: SDR_TOO_LATE, "marketing hands over at the MQL.", core=core == "sdr_too_late"),
                Mistake("marketing_keeps", lambda w: MARKETING_KEEPS, "qualifying is sales work.", core=core == "marketing_keeps"),
                *extra)
    return Exercise("99-test", "q1", "owners", "Who owns each stage?",
                    Mapping(keys=tuple(RIGHT), values=("marketing", "sdr")), compute=lambda w: RIGHT,
                    hint_text="-", mistakes=mistakes)


def test_the_core_mistake_earns_nothing_though_most_of_its_parts_are_right():
    exercise = _owners(core="sdr_too_late")
    assert exercise.share_right(SDR_TOO_LATE, None) == pytest.approx(0.75)
    assert exercise.score(SDR_TOO_LATE, None) == 0.0
    assert exercise.core_mistake.name == "sdr_too_late"


def test_other_mistakes_keep_their_capped_partial_credit():
    exercise = _owners(core="sdr_too_late")
    assert exercise.score(MARKETING_KEEPS, None) == pytest.approx(PARTIAL_CAP * 0.75)
    assert exercise.score({**RIGHT, "lead": "sdr"}, None) == pytest.approx(PARTIAL_CAP * 0.75)
    assert exercise.score(RIGHT, None) == 1.0


def test_without_a_core_mistake_a_recognised_mistake_keeps_partial_credit():
    assert _owners().score(SDR_TOO_LATE, None) == pytest.approx(PARTIAL_CAP * 0.75)


def test_a_right_answer_that_equals_the_core_mistake_on_this_world_is_still_right():
    exercise = _owners(core="sdr_too_late")
    on_a_world_where_they_coincide = Exercise("99-test", "q2", "owners", "?", exercise.kind, compute=lambda w: SDR_TOO_LATE,
                                              hint_text="-", mistakes=exercise.mistakes)
    assert on_a_world_where_they_coincide.score(SDR_TOO_LATE, None) == 1.0


def test_two_core_mistakes_are_refused():
    with pytest.raises(ValueError, match="marks 2 core mistakes"):
        _owners(extra=(Mistake("a", lambda w: {}, "-", core=True), Mistake("b", lambda w: {}, "-", core=True)))


def test_twin_mistakes_are_both_named():
    exercise = Exercise("99-test", "q3", "n_deals", "How many late deals have no economic buyer?", Count(of="deals"),
                        compute=lambda w: 40, hint_text="-",
                        mistakes=(Mistake("closed_too", lambda w: 112, "you counted closed deals too."),
                                  Mistake("with_buyer", lambda w: 112, "you counted the deals that do have a buyer."),
                                  Mistake("strictly_above", lambda w: 35, "use >=.")))
    feedback = exercise.check(112, None)
    assert not feedback.correct
    assert "you counted closed deals too" in feedback.message
    assert "you counted the deals that do have a buyer" in feedback.message
    assert "2 different mistakes" in feedback.message
    assert exercise.check(35, None).message == "use >=."  # one mistake alone: its message as written


def test_every_exercise_of_every_module_marks_exactly_one_core_mistake():
    missing = [f"{m} {name}" for m in MODULES for name, e in exercises_of(m).items() if e.core_mistake is None]
    assert not missing, missing
