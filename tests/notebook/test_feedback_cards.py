"""Feedback a learner can read: right, not yet and not answered look different, parts are named."""

from __future__ import annotations

import numpy as np
import pytest

from crosstrain.notebook import ____
from crosstrain.notebook.exercises import get
from crosstrain.notebook.numbers import readable
from crosstrain.notebook.placeholder import is_placeholder
from crosstrain.notebook.session import BoundExercise
from crosstrain.notebook.verdict import STYLES, Card


def test_the_three_verdicts_differ_in_word_icon_and_colour():
    cards = [Card("q1", label, "msg") for label in ("Correct", "Not yet", "Not answered yet")]
    htmls = [card._repr_html_() for card in cards]
    for card, html in zip(cards, htmls):
        icon, colour, _ = STYLES[card.label]
        assert f"{icon}</span> {card.label}</strong>" in html and colour in html
    assert len({STYLES[c.label][0] for c in cards}) == 3 and len({STYLES[c.label][1] for c in cards}) == 3


def test_the_message_is_prose_that_wraps_between_words():
    html = Card("q1", "Not yet", "a `code` word & <tag>").message and Card("q1", "Not yet", "a `code` word & <tag>")._repr_html_()
    assert "word-break: normal" in html and "white-space: normal" in html and "<pre" not in html.split("<div style")[0]
    assert "<code>code</code>" in html and "&amp; &lt;tag&gt;" in html


def test_plain_text_stays_what_logs_and_progress_read():
    assert repr(Card("q1", "Correct", "that is what the data says.")) == "q1: Correct: that is what the data says."


def test_solution_code_is_highlighted(tiny_world, capsys):
    card = Card("q1", "Solution", "one way to do it:", code="n_leads = len(world.leads)")
    html = card._repr_html_()
    assert "<span style=" in html and "len" in html  # pygments' inline colours
    BoundExercise(get("00-orientation", "q1"), tiny_world).solution()
    assert capsys.readouterr().out.startswith("q1: Solution: one way to do it:\nn_leads = len(world.leads)")


def test_partial_credit_names_the_parts_that_are_off(tiny_world):
    exercise = get("03-funnel-handoff", "q1")
    answer = dict(exercise.expected(tiny_world), lead_to_mql=0.9, mql_to_sal=0.01)
    feedback = exercise.check(answer, tiny_world)
    assert feedback.label == "Not yet"
    assert feedback.message.startswith("3 of 5 steps right: `lead_to_mql` and `mql_to_sal` are off")
    one_off = exercise.check(dict(exercise.expected(tiny_world), sal_to_sql=0.99), tiny_world)
    assert one_off.message.startswith("4 of 5 steps right: `sal_to_sql` is off")


def test_a_blank_answer_is_not_answered_yet(tiny_world, capsys):
    exercise = get("03-funnel-handoff", "q1")
    assert exercise.score(____, tiny_world) == 0
    bound = BoundExercise(exercise, tiny_world)
    bound.check(____)
    assert capsys.readouterr().out.startswith("q1: Not answered yet: `cohort_rates` is still `____`")
    with pytest.raises(AssertionError, match="q1: not answered yet"):
        bound.grade(____)
    assert bound.answered(____) is False
    assert "q1: Waiting for your answer: this cell draws your answer `cohort_rates`" in capsys.readouterr().out
    assert bound.answered({"lead_to_mql": 0.2}) is True
    assert is_placeholder({"a": ____}) and not is_placeholder({"a": 1})


@pytest.mark.parametrize("value, shown", [
    (np.float64(0.2532675709001233), "0.2533"),
    (12345.678, "12,345.68"),
    (61.0, "61.0"),
    (0.00001234, "1.23e-05"),
])
def test_numbers_read_as_numbers(value, shown):
    assert readable(value) == shown
