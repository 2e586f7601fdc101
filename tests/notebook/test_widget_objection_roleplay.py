"""The objection role-play: the LAER checklist reads replies as the domain brief defines
the steps (acknowledge is not agree, explore is an open question, weak moves are still
responses), agrees with the CRM's own labels, and the widget works without a browser."""

from __future__ import annotations

import numpy as np
import pytest

from crosstrain.notebook.exercises.objections.formulas import (
    objection_notes,
    steps_of,
)
from crosstrain.notebook.widgets.objection_roleplay import (
    FLAGS,
    STEPS,
    checklist_html,
    checklist_score,
    deal_card,
    objection_cards,
    objection_roleplay,
    read_sentence,
    score_reply,
)


def test_a_full_laer_reply_is_strong():
    reply = ("So what I'm hearing is that the price is the worry. That's a fair concern. "
             "What would you compare it with? Then let's build the business case with your numbers.")
    result = score_reply(reply)
    assert result.steps == set(STEPS) and not result.flags
    assert (result.points, result.verdict) == (4, "strong")


def test_exploring_without_responding_yet_is_strong():
    result = score_reply("I understand why that matters. Who else is involved in the decision?")
    assert result.steps == {"acknowledge", "explore"} and result.verdict == "strong"


@pytest.mark.parametrize("reply, flag", [
    ("I can take 15% off the list price.", "discount"),
    ("This offer is only valid until Friday, so we should move now.", "pressure"),
    ("That's not really true; our price is fair for what you get.", "rebuttal"),
    ("We have dashboards, AI forecasting, 200 integrations and a mobile app.", "feature_dump"),
    ("I understand how you feel. Others felt the same, and they found it paid for itself.", "canned_script"),
    ("You're right, it is expensive. Let's see what we can do.", "agrees"),
])
def test_each_weak_move_is_flagged_and_is_still_a_response(reply, flag):
    result = score_reply(reply)
    assert flag in result.flags
    assert "responds_before_exploring" in result.flags and "respond" in result.steps
    assert result.verdict == "weak"


def test_agreeing_is_not_acknowledging():
    assert read_sentence("You're right, we are expensive.") == "agree"
    assert read_sentence("That's a fair concern.") == "acknowledge"


def test_only_open_questions_explore():
    assert read_sentence("Too expensive compared with what?") == "explore"
    assert read_sentence("Is the money gone, or could it be moved this quarter?") == "explore"  # "could it" is not "could i"
    assert read_sentence("Could we bring your VP into a call?") == "respond"  # a proposal
    assert read_sentence("Wouldn't you agree it is worth it?") == "respond"  # a leading question
    assert read_sentence("Let me make sure I've got this right: idle seats?") == "listen"


def test_responding_then_asking_is_still_responding_before_exploring():
    result = score_reply("Customers recover the cost in months. What do you compare it with?")
    assert result.steps == {"respond", "explore"} and "responds_before_exploring" in result.flags


def test_the_checklist_agrees_with_the_crm_labels(tiny_world):
    """The rep's turns, with the buyer's answers as stage directions, read as the CRM labels them."""
    obj = objection_notes(tiny_world.call_notes)
    turns = tiny_world.call_turns[tiny_world.call_turns.turn > 1]
    said = turns.text.where(turns.speaker == "rep", "[Buyer: " + turns.text + "]").groupby(turns.note_id).agg(" ".join)
    read = said.reindex(obj.note_id).map(score_reply)
    assert np.mean([r.steps == steps_of(s) for r, s in zip(read, obj.laer_steps)]) >= 0.95
    assert np.mean([r.verdict == q for r, q in zip(read, obj.response_quality)]) >= 0.95


def test_peer_checklist_uses_the_same_score():
    assert checklist_score(["listen", "acknowledge", "explore", "respond"], []) == (4, "strong")
    assert checklist_score(["acknowledge", "respond"], ["discount", "responds_before_exploring"]) == (0, "weak")
    assert checklist_score(["acknowledge", "explore"], []) == (2, "strong")
    assert checklist_score([], []) == (0, "weak")
    with pytest.raises(ValueError, match="unknown"):
        checklist_score(["agree"], [])
    assert set(FLAGS) >= {"discount", "pressure", "rebuttal", "feature_dump", "canned_script"}


def test_the_checklist_html_escapes_the_reply():
    text = checklist_html(score_reply("<script>alert(1)</script> That's a fair concern."))
    assert "<script>" not in text and "Acknowledge" in text


def test_cards_come_from_the_world(tiny_world):
    cards = objection_cards(tiny_world)
    assert set(cards.category) == set(objection_notes(tiny_world.call_notes).objection_category)
    assert cards.buyer.str.len().gt(0).all() and not cards.buyer.str.contains("Rep:").any()
    assert cards.probe.notna().all()
    rng = np.random.default_rng(1)
    assert deal_card(cards, rng, "price").category == "price"
    with pytest.raises(ValueError):
        deal_card(cards, rng, "weather")


def test_the_widget_deals_scores_and_lets_a_peer_tick(tiny_world):
    box = objection_roleplay(tiny_world, seed=3)
    c = box.controls
    assert "Buyer:" in c["card"].value
    c["reply"].value = "That's a fair concern. What changes next quarter?"
    c["score"].click()
    assert "STRONG" in c["result"].value
    c["ticks"]["acknowledge"].value = True
    c["weak"]["discount"].value = True
    assert "0 / 4, weak" in c["peer"].value
    c["category"].value = "timing"  # deals a new card of that category and clears the reply
    assert "TIMING" in c["card"].value and c["reply"].value == "" and not c["ticks"]["acknowledge"].value
    c["probe"].value = True
    assert "Diagnostic probe" in c["card"].value
    c["deal"].click()
