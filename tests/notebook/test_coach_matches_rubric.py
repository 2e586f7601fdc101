"""Module 05's role-play coach and its rubric agree: the coach calls the module's own model
replies (full marks on the rubric) strong, and of the rubric's example replies exactly the
full-mark one strong. Before, the coach called the model timing reply a feature dump."""

from __future__ import annotations

import re

import pytest

from crosstrain.course.sources import read_source, source_path
from crosstrain.grading.graders import rubric_path
from crosstrain.notebook.widgets.objection_roleplay import score_reply
from crosstrain.paths import MODULES_DIR

MODULE = "05-objections"


def _rep_words(item: str) -> str:
    """What the rep says in one reply: from "Me:" on, the buyer's bracketed answers kept out."""
    said = item.split("Me:", 1)[1].split("*Why:*")[0]
    return " ".join(said.replace('"', " ").split())


def model_replies() -> list[str]:
    written = next(c for c in read_source(source_path(MODULES_DIR, MODULE)) if c.kind == "written" and c.name == "replies")
    items = re.split(r"^\d\. ", written.source, flags=re.M)[1:]
    return [_rep_words(item) for item in items]


def rubric_examples() -> list[tuple[float, str]]:
    text = rubric_path(MODULE, "replies").read_text(encoding="utf-8")
    section = text.split("## One reply at each score", 1)[1].split("## Levels", 1)[0]
    items = re.findall(r"^- \*\*(\d+(?:\.5)?)[^*]*\*\*(.*?)(?=^- \*\*|\Z)", section, flags=re.M | re.S)
    return [(float(score), _rep_words(body)) for score, body in items]


def test_the_model_answer_holds_three_replies_and_the_rubric_one_per_score():
    assert len(model_replies()) == 3
    assert sorted(score for score, _ in rubric_examples()) == [0, 0.5, 1, 1.5, 2]


@pytest.mark.parametrize("reply", model_replies(), ids=["price", "authority", "timing"])
def test_the_coach_calls_each_full_mark_model_reply_strong(reply):
    result = score_reply(reply)
    assert result.verdict == "strong" and not result.flags, (result.flags, result.sentences)
    assert {"acknowledge", "explore", "respond"} <= result.steps


@pytest.mark.parametrize("score,reply", rubric_examples(), ids=lambda v: str(v)[:20])
def test_the_coach_calls_strong_exactly_the_rubrics_full_mark_example(score, reply):
    assert (score_reply(reply).verdict == "strong") == (score == 2), score_reply(reply).sentences


def test_a_list_about_the_product_is_still_a_feature_dump():
    dump = "Good question. What matters most to you? We built dashboards, AI forecasting, 200 integrations and a mobile app."
    assert "feature_dump" in score_reply(dump).flags
