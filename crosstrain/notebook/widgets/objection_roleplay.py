"""Objection role-play: deal an objection card from the CRM, write a reply, score it on LAER.

Module 05's widget. A card is a real objection from the world's call notes (its
category and the buyer's words). The learner types a reply; ``score_reply`` reads it
with keyword heuristics for the four LAER steps (listen, acknowledge, explore, respond)
and flags the classic weak replies (an instant discount, a pressure close, a rebuttal,
a feature dump, a canned script, agreeing with the objection, responding before
exploring). In a workshop a peer can score a role-played reply instead, by ticking the
same checklist; ``checklist_score`` turns either into points and a verdict.

Heuristics are a coach, not a judge: they read cue words, so a reply can fool them.
``score_reply`` and ``checklist_score`` are pure functions (unit-tested without a
browser); ``objection_roleplay(world)`` wraps them in ipywidgets.

    from crosstrain.notebook.widgets.objection_roleplay import objection_roleplay
    objection_roleplay(world)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crosstrain.notebook.exercises.objections.formulas import (
    buyer_words as _buyer_words,
)
from crosstrain.notebook.exercises.objections.formulas import (
    objection_notes as _objection_notes,
)
from crosstrain.world.calls import PROBES

STEPS = ("listen", "acknowledge", "explore", "respond")
FLAGS = {
    "discount": "offers a discount before the concern is clear (an instant discount)",
    "pressure": "pushes a deadline or a signature (a pressure close)",
    "rebuttal": "contradicts the buyer (a rebuttal)",
    "feature_dump": "lists features instead of answering the concern (a feature dump)",
    "canned_script": "answers with a script such as Feel-Felt-Found before exploring",
    "agrees": "agrees with the objection instead of acknowledging it",
    "responds_before_exploring": "responds before asking what is behind the concern",
}

LISTEN_CUES = ("what i'm hearing", "what i am hearing", "if i understand", "if i heard you", "let me make sure",
               "so you're saying", "so you are saying", "it sounds like", "sounds like", "you mentioned", "you said",
               "in other words", "to make sure i", "play that back", "you're telling me", "so i have it right")
AGREE_CUES = ("you're right", "you are right", "i agree", "absolutely right", "it is expensive", "it's expensive",
              "we are expensive", "we're expensive", "it is too", "it's too", "fair enough")
ACK_CUES = ("fair", "understand", "makes sense", "thanks for", "thank you for", "appreciate", "i hear you",
            "good point", "valid point", "valid concern", "that matters", "reasonable", "i see why", "i can see why", "i get it", "good that you raised")
REBUTTAL_CUES = ("not really true", "that's not true", "that is not true", "that isn't true", "you're wrong",
                 "you are wrong", "not the case", "that's a myth", "actually, we")
PROPOSAL_QUESTIONS = ("could we", "can we", "shall we", "should we", "would it be worth", "would you like",
                      "wouldn't you agree", "don't you think", "would you agree", "can i", "could i", "shall i",
                      "are you ready", "do we have a deal", "ready to sign")
PRESSURE_CUES = ("only valid", "until friday", "sign today", "sign this week", "if you sign", "this week only",
                 "before the end of the", "expires", "last chance", "limited time", "move now", "act now",
                 "won't last", "today only")
DISCOUNT_PATTERN = re.compile(r"\d+\s?%|\bdiscount|\bcheaper\b|\bprice cut|\bknock\b.*\boff\b|\bmatch (their|the) price")
FEATURE_STARTS = ("we have", "it has", "it comes with", "we offer", "our product has", "you get")
SCRIPT_CUES = (("felt", "found"), ("feel", "found"))


@dataclass(frozen=True)
class ReplyScore:
    """What the checklist found in one reply."""

    steps: frozenset[str]
    flags: frozenset[str]
    points: int
    verdict: str  # "strong" when the reply explores before responding and shows no weak move
    sentences: tuple[tuple[str, str], ...] = field(default=())  # (sentence, what it reads as)


def sentences(text: str) -> list[str]:
    """The reply's sentences; bracketed stage directions ("[Buyer: ...]") are left out."""
    text = re.sub(r"\[[^\]]*\]", " ", text or "")
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]


def _has(sentence: str, cues) -> bool:
    """Whether any cue occurs as whole words ("could i" must not match "could it")."""
    return any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", sentence) for cue in cues)


def read_sentence(sentence: str) -> str:
    """What one sentence does: listen, acknowledge, explore, respond, agree, or nothing ('')."""
    low = sentence.lower().replace("\u2019", "'")
    if _has(low, AGREE_CUES):
        return "agree"
    if _has(low, REBUTTAL_CUES):
        return "respond"
    if _has(low, LISTEN_CUES):
        return "listen"
    if low.endswith("?"):
        return "respond" if _has(low, PROPOSAL_QUESTIONS) else "explore"
    if _has(low, ACK_CUES):
        return "acknowledge"
    return "respond" if len(low.split()) >= 3 else ""


def _is_feature_list(sentence: str) -> bool:
    """A response that lists the product's features: it opens like one ("we have..."), or it
    is a list of three or more things that never mentions the buyer ("you", "your"). A plan
    built on what the buyer said ("we set up the data now, with no work for your team, and...")
    is a list too, but about them: that is a response, not a feature dump."""
    if sentence.startswith(FEATURE_STARTS):
        return True
    listed = sentence.count(",") >= 2 and " and " in sentence
    return listed and not _has(sentence, ("you", "your", "you're", "yours"))


def score_reply(text: str) -> ReplyScore:
    """Read a reply to an objection with LAER keyword heuristics and flag weak moves."""
    parts = sentences(text)
    reads = [read_sentence(s) for s in parts]
    steps = {r for r in reads if r in STEPS}
    flags: set[str] = set()
    low = " ".join(parts).lower().replace("\u2019", "'")
    first = {step: reads.index(step) for step in STEPS if step in reads}
    if "agree" in reads:
        flags.add("agrees")
    if any(_has(s.lower(), REBUTTAL_CUES) for s in parts):
        flags.add("rebuttal")
    responses = [s.lower() for s, r in zip(parts, reads) if r == "respond"]
    if any(DISCOUNT_PATTERN.search(s) for s in responses):
        flags.add("discount")
    if _has(low, PRESSURE_CUES):
        flags.add("pressure")
    if any(_is_feature_list(s) for s in responses):
        flags.add("feature_dump")
    explored_first = "explore" in first and ("respond" not in first or first["explore"] < first["respond"])
    if any(all(cue in s for cue in pair) for s in responses for pair in SCRIPT_CUES) and not explored_first:
        flags.add("canned_script")
    if "respond" in first and not explored_first:
        flags.add("responds_before_exploring")
    points, verdict = checklist_score(steps, flags)
    return ReplyScore(frozenset(steps), frozenset(flags), points, verdict, tuple(zip(parts, reads)))


def checklist_score(steps, flags) -> tuple[int, str]:
    """Points and verdict from the ticked LAER steps and weak-move flags (auto or peer).

    One point per step shown (0-4), minus one per weak move, never below 0. The verdict
    is "strong" when the reply explored, did not respond before exploring and made no
    weak move, else "weak": the same rule as the CRM's ``response_quality``.
    """
    steps, flags = set(steps), set(flags)
    unknown = (steps - set(STEPS)) | (flags - set(FLAGS))
    if unknown:
        raise ValueError(f"unknown checklist items: {', '.join(sorted(unknown))}")
    points = max(0, len(steps) - len(flags))
    verdict = "strong" if "explore" in steps and not flags else "weak"
    return points, verdict


# --- the cards ----------------------------------------------------------------------------

def objection_cards(world) -> pd.DataFrame:
    """One card per objection note: its category, the buyer's words and the diagnostic probe."""
    obj = _objection_notes(world.call_notes)
    cards = pd.DataFrame({"note_id": obj.note_id, "category": obj.objection_category, "buyer": _buyer_words(obj.text)})
    cards["probe"] = cards.category.map(PROBES)
    return cards.dropna(subset=["buyer"]).drop_duplicates(["category", "buyer"]).reset_index(drop=True)


def deal_card(cards: pd.DataFrame, rng: np.random.Generator, category: str | None = None) -> pd.Series:
    """A random card, of one category if given."""
    pool = cards if category is None else cards[cards.category == category]
    if pool.empty:
        raise ValueError(f"no objection card of category {category!r}")
    return pool.iloc[int(rng.integers(len(pool)))]


def checklist_html(score: ReplyScore) -> str:
    """The scored checklist as HTML: each step ticked or not, each weak move, the verdict."""
    rows = "".join(f"<li>{'&#9745;' if s in score.steps else '&#9744;'} {s.capitalize()}</li>" for s in STEPS)
    flags = "".join(f"<li>&#9888; {html.escape(FLAGS[f])}</li>" for f in FLAGS if f in score.flags)
    reads = "".join(f"<li><i>{html.escape(s)}</i> &rarr; {r or 'no step'}</li>" for s, r in score.sentences)
    colour = "#15803d" if score.verdict == "strong" else "#b91c1c"
    return (f"<b style='color:{colour}'>{score.verdict.upper()}: {score.points} / 4</b>"
            f"<ul style='list-style:none;padding-left:0'>{rows}</ul>"
            + (f"<b>Weak moves</b><ul>{flags}</ul>" if flags else "")
            + (f"<details><summary>How each sentence was read</summary><ul>{reads}</ul></details>" if reads else ""))


def _card_html(card: pd.Series, show_probe: bool) -> str:
    probe = f"<br><small>Diagnostic probe: <i>{html.escape(str(card.probe))}</i></small>" if show_probe else ""
    return (f"<div style='border:1px solid #999;border-radius:6px;padding:8px;max-width:560px'>"
            f"<small>{html.escape(str(card.category)).upper()} objection</small><br>"
            f"<b>Buyer:</b> &ldquo;{html.escape(str(card.buyer))}&rdquo;{probe}</div>")


def objection_roleplay(world, seed: int | None = None):
    """The widget: a card, a reply box scored on LAER, and a checklist a peer can tick."""
    import ipywidgets as widgets

    cards = objection_cards(world)
    rng = np.random.default_rng(seed)
    state = {"card": deal_card(cards, rng)}
    category = widgets.Dropdown(options=[("any", None)] + [(c, c) for c in sorted(cards.category.unique())],
                                value=None, description="Category")
    deal = widgets.Button(description="Deal a card", icon="refresh", layout=widgets.Layout(width="auto"))
    probe = widgets.ToggleButton(description="Show the probe", value=False, layout=widgets.Layout(width="auto"))
    card_box = widgets.HTML()
    reply = widgets.Textarea(placeholder="Type your reply to the buyer...", layout=widgets.Layout(width="560px", height="90px"))
    score_button = widgets.Button(description="Score my reply", button_style="primary", layout=widgets.Layout(width="auto"))
    result = widgets.HTML()
    ticks = {name: widgets.Checkbox(description=name.capitalize(), value=False, indent=False, layout=widgets.Layout(width="auto")) for name in STEPS}
    weak = {name: widgets.Checkbox(description=FLAGS[name], value=False, indent=False, layout=widgets.Layout(width="auto"))
            for name in FLAGS}
    peer_result = widgets.HTML()

    def show_card(*_):
        card_box.value = _card_html(state["card"], probe.value)

    def new_card(*_):
        state["card"] = deal_card(cards, rng, category.value)
        reply.value, result.value = "", ""
        for box in (*ticks.values(), *weak.values()):
            box.value = False
        show_card()

    def score(*_):
        result.value = checklist_html(score_reply(reply.value)) if reply.value.strip() else "<i>Write a reply first.</i>"

    def peer(*_):
        points, verdict = checklist_score([n for n, b in ticks.items() if b.value], [n for n, b in weak.items() if b.value])
        peer_result.value = f"<b>Peer score: {points} / 4, {verdict}</b>"

    deal.on_click(new_card)
    category.observe(new_card, names="value")
    probe.observe(show_card, names="value")
    score_button.on_click(score)
    for box in (*ticks.values(), *weak.values()):
        box.observe(peer, names="value")
    show_card()
    peer()
    peer_box = widgets.VBox([widgets.HTML("<b>Peer checklist</b> (a partner ticks what they heard)"),
                             widgets.HBox(list(ticks.values())), *weak.values(), peer_result])
    box = widgets.VBox([widgets.HBox([category, deal, probe]), card_box, reply, score_button, result,
                        widgets.Accordion(children=[peer_box], titles=("Workshop: score a partner's spoken reply",))])
    box.cards = cards  # every card, for a closer look
    box.controls = {"category": category, "deal": deal, "probe": probe, "card": card_box, "reply": reply,
                    "score": score_button, "result": result, "ticks": ticks, "weak": weak, "peer": peer_result}
    return box
