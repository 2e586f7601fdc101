"""Claims about the call notes as conversations: varied wording, and probes that win deals.

Read from ``call_turns`` (who said what, in order), not from the notes' labels: a claim
that a probe the buyer answered helps must hold on the acts themselves.
"""

from __future__ import annotations

from crosstrain.course.claims.frames import closed, per_world, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, at_most

DATASHEET = "datasets/DATASHEET.md"


@per_world
def _sentences(world):
    turns = world.call_turns
    return turns.assign(sentence=turns["text"].str.split(r"(?<=[.?!])\s+")).explode("sentence")


def _most_repeated_sentence(world) -> float:
    """Share of notes holding the most common sentence."""
    return _sentences(world).groupby("sentence")["note_id"].nunique().max() / len(world.call_notes)


def _answered_over_rest(world) -> float:
    """Win rate of closed deals where every objection got a probe the buyer answered before
    the rep responded, over the other closed deals with objections."""
    turns = world.call_turns.sort_values(["note_id", "turn"])
    answered = (turns["act"] == "explore") & (turns.groupby("note_id")["act"].shift(-1) == "answer")
    per_note = answered.groupby(turns["note_id"]).any()
    notes = world.call_notes
    objections = notes[notes["objection_category"].notna()]
    per_deal = per_note.reindex(objections["note_id"]).groupby(objections["opportunity_id"].to_numpy()).all()
    deals = closed(world).set_index("opportunity_id")["is_won"]
    deals = deals[deals.index.isin(per_deal.index)]
    all_answered = per_deal.reindex(deals.index)
    return ratio(rate(deals[all_answered]), rate(deals[~all_answered]))


CLAIMS = [
    Claim("conversations.notes_distinct", DATASHEET, "at least 90% of call-note texts are distinct",
          "Call notes read like different calls: the share of note texts that are distinct.",
          lambda w: w.call_notes["text"].nunique() / len(w.call_notes), at_least(0.9)),
    Claim("conversations.no_stock_sentence", DATASHEET, "no sentence is in more than 1% of notes",
          "No sentence of the dialogues appears in more than 1% of the notes (the most repeated one's share).",
          _most_repeated_sentence, at_most(0.01)),
    Claim("conversations.answered_probe_wins_more", DATASHEET, "Deals whose buyers answered the rep's probe before any response win more",
          "Closed deals where every objection got a probe the buyer answered before the rep responded win more often than the other deals with objections.",
          _answered_over_rest, at_least(1.1), unit="ratio"),
]
