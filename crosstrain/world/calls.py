"""Call notes: short dialogues between a buyer and the deal's rep, tagged from their acts.

An objection note is the buyer's objection and the rep's reply; a discovery note is the
rep's question and the buyer's answer about a MEDDPICC element the deal really has
(dialogue.py holds the turns, call_lines.py and discovery_lines.py the words). Labels are
read off the acts really present: Listen when the rep played back the buyer's words,
Explore when the rep asked and the buyer answered before any response, Respond when the rep
answered; a reply is ``strong`` when it explored and made no weak move (arguing,
discounting first, dumping features, ignoring the concern). Per deal, the share of strong
replies and any discount-first reply feed the win model in deals.py.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from crosstrain.world import dialogue
from crosstrain.world.columns import Codes, Ref
from crosstrain.world.context import DAY, Context, weights
from crosstrain.world.people import clock_of
from crosstrain.world.schema import LAER_STEPS, MEDDPICC_FLAGS

COMPETITORS = ("Acme CRM", "Globex Cloud", "Initech Suite", "Umbrella Analytics", "Hooli Insights")
# The diagnostic probe of each category, as the workshop cards and the role-play widget teach it.
PROBES = {
    "price": "Too expensive compared with what?",
    "budget": "Is the money gone, or could it be moved this quarter?",
    "timing": "What changes next quarter that makes it a better time?",
    "authority": "Who else is involved in the decision, and what matters to them?",
    "need": "What does doing nothing cost you each month today?",
    "competitor": "What would it cost you to stay as you are, and what made you look around?",
    "trust": "What proof would help: references from your industry, or a short pilot?",
}
# Reply patterns (dialogue.PATTERN_ACTS holds their turns): (steps shown, strong?, weak move).
REPLIES = (
    (("listen", "acknowledge", "explore", "respond"), True, None),
    (("listen", "acknowledge", "explore"), True, None),
    (("acknowledge", "explore", "respond"), True, None),
    (("acknowledge", "respond"), False, None),
    (("respond",), False, "argue"),
    (("respond",), False, "discount"),
    (("respond",), False, "features"),
    (("respond",), False, "ignore"),
)
STRONG_W = (0.5, 0.25, 0.25)
WEAK_W = (0.3, 0.2, 0.25, 0.15, 0.1)
DISCOUNT_REPLY = 5
DISCOVERY_TAGS = {
    "has_metrics": "meddpicc.metrics", "has_economic_buyer": "bant.authority;meddpicc.economic_buyer",
    "has_decision_criteria": "meddpicc.decision_criteria", "has_decision_process": "meddpicc.decision_process",
    "has_paper_process": "meddpicc.paper_process", "has_identified_pain": "bant.need;meddpicc.identified_pain",
    "has_champion": "meddpicc.champion", "has_competition_known": "meddpicc.competition",
}
# What an objection evidences: an authority objection says who signs (BANT authority) and that
# the rep is not yet talking to them (MEDDPICC economic buyer).
CATEGORY_TAGS = {"price": "meddpicc.decision_criteria", "budget": "bant.budget", "timing": "bant.timeline",
                 "authority": "bant.authority;meddpicc.economic_buyer", "need": "bant.need",
                 "competitor": "meddpicc.competition", "trust": "meddpicc.decision_criteria"}
STEP_SETS = tuple(";".join(s for bit, s in enumerate(LAER_STEPS) if mask >> bit & 1) for mask in range(16))


def build_call_notes(ctx: Context, created, end, flags: dict, amount, competitor, industry) -> dict:
    """Notes for each deal; returns per-deal ``strong_share``, ``discount_first``, ``main_category``."""
    rng = ctx.rng["calls"]
    calls = ctx.recipe.calls
    categories = calls["categories"]
    n_deals = len(created)
    count = 1 + rng.poisson(max(calls["notes_per_deal"] - 1, 0), n_deals)
    deal = np.repeat(np.arange(n_deals), count)
    m = len(deal)
    # Calls happen in the deal owner's working time (calendar.py).
    st = ctx.state
    owner = st["account_owner"][st["lead_account"][st["opp_lead"]]]
    until = np.minimum(created + np.maximum(end - created, DAY), ctx.now - 60)
    at = ctx.calendar.between(created[deal], until[deal], rng.random(m), clock_of(ctx, owner[deal]))
    order = np.lexsort((at, deal))
    deal, at = deal[order], at[order]
    objection = rng.random(m) < calls["objection_share"]
    category = np.where(objection, rng.choice(len(categories), m, p=weights(calls["category_weights"])), -1)
    strong = rng.random(m) < calls["laer_share"]
    reply = np.where(strong, rng.choice(3, m, p=weights(STRONG_W)), 3 + rng.choice(5, m, p=weights(WEAK_W)))
    reply = np.where(objection, reply, -1)
    # Discovery notes pick an element the deal really has (or ask about pain when it has none).
    flag_matrix = np.column_stack([flags[f] for f in MEDDPICC_FLAGS])
    pick = np.argmax(flag_matrix[deal] * rng.random((m, len(MEDDPICC_FLAGS))), axis=1)
    pick = np.where(flag_matrix[deal, pick], pick, MEDDPICC_FLAGS.index("has_identified_pain"))
    acts, turns = _dialogues(ctx, rng, deal, np.where(objection, category, len(categories) + pick),
                             np.where(objection, reply, len(REPLIES)), amount, competitor, industry)
    steps, good = laer_labels(acts)
    assert np.array_equal(good[objection], strong[objection]), "the acts drawn must show the reply quality drawn"
    ctx.tables["call_notes"] = {
        "note_id": Ref(np.arange(m), "call_notes"),
        "opportunity_id": Ref(deal, "opportunities"),
        "occurred_at": at,
        "speaker": Codes(np.where(objection, 0, 1), dialogue.SPEAKERS),
        "text": None,  # joined from the turns once the calls' times are final (finish_call_notes)
        "objection_category": Codes(category, categories),
        "laer_steps": Codes(np.where(objection, steps, -1), STEP_SETS),
        "response_quality": Codes(np.where(objection, np.where(good, 0, 1), -1), ("strong", "weak")),
        "framework_tags": Codes(np.where(objection, category, len(categories) + pick),
                                [CATEGORY_TAGS[c] for c in categories] + [DISCOVERY_TAGS[f] for f in MEDDPICC_FLAGS]),
    }
    note, turn = np.nonzero(acts >= 0)
    ctx.tables["call_turns"] = {
        "note_id": Ref(note, "call_notes"),
        "turn": turn + 1,
        "speaker": Codes(dialogue.SPEAKER_OF[acts[note, turn]], dialogue.SPEAKERS),
        "act": Codes(acts[note, turn], dialogue.ACTS),
        "text": pa.concat_arrays(turns).take(pa.array(turn * m + note)),
    }
    n_obj = np.bincount(deal[objection], minlength=n_deals)
    n_strong = np.bincount(deal[objection & strong], minlength=n_deals)
    discount_first = np.bincount(deal[reply == DISCOUNT_REPLY], minlength=n_deals) > 0
    main = np.full(n_deals, -1)
    main[deal[objection][::-1]] = category[objection][::-1]  # the first objection of each deal
    strong_share = np.where(n_obj > 0, n_strong / np.maximum(n_obj, 1), calls["laer_share"])
    return {"strong_share": strong_share, "discount_first": discount_first, "main_category": main}


def _dialogues(ctx, rng, deal, topic, pattern, amount, competitor, industry):
    """Each note's acts and turns; a note that repeats an earlier note of its deal word for
    word is drawn again (a rep does not have the same conversation twice)."""
    pools = ctx.pools
    n_deals = len(amount)

    def names(k):
        return pools.first_names[rng.integers(0, len(pools.first_names), k)]

    full = np.char.add(np.char.add(names(n_deals).astype(str), " "), pools.last_names[rng.integers(0, len(pools.last_names), n_deals)].astype(str))
    has_rival = np.array([c is not None for c in competitor.tolist()], dtype=bool)
    deal_slots = {"first": names(n_deals), "colleague": names(n_deals), "name": full,
                  "phrase": pools.phrases[rng.integers(0, len(pools.phrases), n_deals)],
                  "competitor": np.where(has_rival, competitor, ""), "industry": industry,
                  "amount": np.array([f"${int(v):,}" for v in amount.tolist()], dtype=object),
                  "threshold": np.array([f"${int(v):,}" for v in dialogue.round_below(amount, rng).tolist()], dtype=object),
                  "seats": (5 * np.clip(np.round(amount / 1500), 2, 400)).astype(np.int64).astype(str)}
    slots = dialogue.slot_values(rng, deal, deal_slots)
    categories = ctx.recipe.calls["categories"]
    acts, turns = dialogue.compose(rng, categories, topic, pattern, has_rival[deal], slots)
    text = dialogue.dialogue_text(acts, turns)
    todo = _repeats(deal, text)
    for _ in range(20):
        if not len(todo):
            break
        again = pa.array(todo)
        redo_acts, redo_turns = dialogue.compose(rng, categories, topic[todo], pattern[todo], has_rival[deal[todo]],
                                                 {k: v.take(again) for k, v in slots.items()})
        mask = np.zeros(len(deal), dtype=bool)
        mask[todo] = True
        mask = pa.array(mask)
        turns = [pc.replace_with_mask(old, mask, new) for old, new in zip(turns, redo_turns)]
        text = pc.replace_with_mask(text, mask, dialogue.dialogue_text(redo_acts, redo_turns))
        todo = _repeats(deal, text)
    return acts, turns


def _repeats(deal: np.ndarray, text: pa.Array) -> np.ndarray:
    """Notes whose text an earlier note of the same deal already had (sorted in Arrow, not
    compared in a Python loop: a large world has a few hundred thousand notes)."""
    table = pa.table({"deal": deal, "text": text, "row": np.arange(len(deal))})
    order = pc.sort_indices(table, sort_keys=[("deal", "ascending"), ("text", "ascending"), ("row", "ascending")]).to_numpy()
    same = np.zeros(len(order), dtype=bool)
    if len(order) > 1:
        ordered = text.take(pa.array(order))
        same[1:] = (deal[order][1:] == deal[order][:-1]) & np.asarray(
            pc.equal(ordered.slice(1), ordered.slice(0, len(order) - 1)).to_numpy(zero_copy_only=False), dtype=bool)
    return np.sort(order[same])


def laer_labels(acts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LAER steps (a code into STEP_SETS) and strong or not, read off each note's acts.

    Explore counts only when the buyer answers the question before the rep goes on; a
    reply is strong when it explored and made no weak move."""
    a = dialogue.A
    present = {name: (acts == a[name]).any(axis=1) for name in dialogue.ACTS}
    asked = np.zeros(len(acts), dtype=bool)
    for t in range(acts.shape[1] - 1):
        asked |= (acts[:, t] == a["explore"]) & (acts[:, t + 1] == a["answer"])
    responded = present["respond"] | np.any([present[w] for w in dialogue.WEAK_ACTS], axis=0)
    weak = np.any([present[w] for w in dialogue.WEAK_ACTS], axis=0)
    steps = present["listen"] * 1 + present["acknowledge"] * 2 + asked * 4 + responded * 8
    return steps, asked & ~weak


def finish_call_notes(ctx: Context) -> None:
    """Name the quarter after each call where its words need one, and join the turns into
    each note's text: called once the calls' times are final (deals.py)."""
    notes, turns = ctx.tables["call_notes"], ctx.tables["call_turns"]
    note, turn = turns["note_id"].index, turns["turn"] - 1
    text = turns["text"]
    waiting = np.asarray(pc.match_substring(text, dialogue.QUARTER).to_numpy(zero_copy_only=False))
    if waiting.any():
        quarter = dialogue.quarter_after(notes["occurred_at"][note[waiting]])
        fixed = [t.replace(dialogue.QUARTER, q) for t, q in zip(text.filter(pa.array(waiting)).to_pylist(), quarter.tolist())]
        text = turns["text"] = pc.replace_with_mask(text, pa.array(waiting), pa.array(fixed, pa.string()))
    m = len(notes["occurred_at"])
    acts = np.full((m, dialogue.MAX_TURNS), -1)
    acts[note, turn] = turns["act"].codes
    where = np.full((m, dialogue.MAX_TURNS), -1)
    where[note, turn] = np.arange(len(note))
    by_turn = [text.take(pa.array(where[:, t], mask=where[:, t] < 0)) for t in range(dialogue.MAX_TURNS)]
    notes["text"] = dialogue.dialogue_text(acts, by_turn)
