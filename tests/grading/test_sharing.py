"""Which known-wrong answers validate may prove in one notebook: only answers that cannot
change what another one in the same notebook is graded on."""

from __future__ import annotations

from crosstrain.grading.graders import WrongAnswer
from crosstrain.grading.sharing import affected, notebooks, reads_before_binding, written_names


def _wrong(exercise: str, mistake: str) -> WrongAnswer:
    return WrongAnswer(exercise, mistake, mistake, f"{exercise} = 0")


def test_written_names_are_bindings_and_edits_in_place_reach_everything():
    assert written_names("a = 1\nb, c = 2, 3\nfor i in x: pass") == {"a", "b", "c", "i"}
    for code in ("deals['won'] = 1", "df.loc[0, 'x'] = 2", "df.amount = 0", "df.dropna(inplace=True)",
                 "d.update(e)", "del df['x']", "setattr(world, 'deals', None)", "exec('x = 1')", "x = ("):
        assert "*" in written_names(code), code


def test_a_name_is_read_before_binding_statement_by_statement():
    assert reads_before_binding("x = f(x)", {"x"}) == (True, set())
    assert reads_before_binding("x = 1\ny = x", {"x"}) == (False, {"x"})
    assert reads_before_binding("if c:\n    x = 1\ny = x", {"x"}) == (True, set())  # a conditional binding may not happen


CELLS = [
    (None, "world = load()"),
    ("q1_answer", "wins = won(world)\nq1 = len(wins)"),
    ("q1", "check(q1)"),
    (None, "share = wins.amount.sum()"),  # the lesson goes on from q1's wins...
    ("q2_answer", "q2 = share / 2"),  # ...so q2 sees what q1's answer computed
    ("q2", "check(q2)"),
    ("q3_answer", "wins = 3\nq3 = wins"),  # binds wins again before reading it: q1 cannot reach it
    ("q3", "check(q3)"),
    ("q4_answer", "q4 = len(wins)"),  # reads wins: q1's, unless q3's answer bound it again
    ("q4", "check(q4)"),
]
ANSWERS = {"q1": ["wins = won(world)\nq1 = len(wins)", "wins = all(world)\nq1 = len(wins)"],
           "q2": ["q2 = share / 2", "q2 = share"], "q3": ["wins = 3\nq3 = wins", "q3 = 4"], "q4": ["q4 = len(wins)"]}


def test_an_answer_reaches_later_exercises_through_the_lesson_cells_that_read_it():
    reach = affected(CELLS, ANSWERS)
    assert reach["q1"] == {"q2", "q4"}  # q3's second form does not bind wins again
    assert reach["q3"] == {"q4"} and reach["q2"] == set()


def test_a_later_answer_that_rebinds_in_every_form_stops_the_reach():
    answers = {**ANSWERS, "q3": ["wins = 3\nq3 = wins", "wins = 4\nq3 = wins"]}
    assert affected(CELLS, answers)["q1"] == {"q2"}  # q4 reads q3's wins, never q1's


def test_an_edit_in_place_reaches_everything_after_it():
    answers = {**ANSWERS, "q2": ["q2 = share / 2", "world.deals['x'] = 0\nq2 = share"]}
    assert affected(CELLS, answers)["q2"] == {"*"}


def test_notebooks_hold_one_answer_per_exercise_and_never_one_that_reaches_another():
    wrong = [_wrong("q1", "a"), _wrong("q1", "b"), _wrong("q2", "a"), _wrong("q3", "a"), _wrong("q3", "b")]
    groups = notebooks(wrong, {"q1": {"q2"}, "q2": set(), "q3": set()})
    assert sorted(a.mistake + a.exercise for g in groups for a in g) == sorted(a.mistake + a.exercise for a in wrong)
    for group in groups:
        exercises = [a.exercise for a in group]
        assert len(set(exercises)) == len(exercises)
        assert not {"q1", "q2"} <= set(exercises)
    assert groups == [[wrong[0], wrong[3]], [wrong[1], wrong[4]], [wrong[2]]]  # first fit, in order
    assert notebooks(wrong, {"q1": {"*"}, "q2": set(), "q3": set()})[0] == [wrong[0]]  # reaches everything: alone
