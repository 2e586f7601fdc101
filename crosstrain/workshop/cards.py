"""``crosstrain workshop cards``: printable objection cards dealt from the world's call notes.

Each card carries a real buyer objection from the CRM's call notes and the LAER checklist
in its footer. The buyer keeps the category secret (the rep finds it by exploring), so the
learners' copy never prints it: the category and the probe to try are in the facilitator's
copy, card by card. No two cards share a sentence: notes that only differ in an amount,
a competitor or a quarter say the same thing, so the deck takes one of each. Cards are
dealt round the categories (most frequent first) so a small deck still shows every kind,
and the same seed deals the same deck.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import numpy as np

from crosstrain.errors import CrosstrainError
from crosstrain.workshop.html import page, write
from crosstrain.workshop.laer import CHECKLIST, probe

MAX_CARDS = 300
_BUYER = re.compile(r'Buyer: "(?P<words>.+?)"(?: Rep:|$)')
_SLOT = re.compile(r"\\\{(\w+)\\\}")

CARD_CSS = """
body { max-width: none; margin: 1rem; }
.deck { display: grid; grid-template-columns: repeat(auto-fill, 6.3cm); gap: .4cm; }
.card { width: 6.3cm; height: 8.8cm; box-sizing: border-box; border: 1px solid #1d2433; border-radius: .3cm;
        padding: .35cm; display: flex; flex-direction: column; break-inside: avoid; page-break-inside: avoid; }
.category { font-size: .75rem; letter-spacing: .08em; text-transform: uppercase; font-weight: 700; color: #7a3b00; }
.words { font-size: 1.05rem; margin: .3cm 0; flex: 1; }
.probe { font-size: .8rem; border-top: 1px dashed #8a93a6; padding-top: .15cm; }
.laer { font-size: .62rem; color: #3d4557; margin-top: .15cm; }
.laer b { color: #1d2433; }
.ref { font-size: .55rem; color: #8a93a6; text-align: right; }
.key td, .key th { border: 1px solid #ccc; padding: .2rem .4rem; text-align: left; vertical-align: top; }
.key { border-collapse: collapse; }
@page { size: A4; margin: 1cm; }
@media print { .intro { display: none; } }
"""


@dataclass(frozen=True)
class Card:
    note_id: str
    category: str
    words: str
    probe: str


def buyer_words(text: str) -> str | None:
    """The buyer's objection from a call-note snippet (``Buyer: "..." Rep: "..."``)."""
    match = _BUYER.search(str(text))
    return match.group("words").strip() if match else None


def sentence_of(words: str, templates=None) -> str:
    """The sentence behind an objection, its slots (amount, competitor, ...) left open:
    two notes that only differ in those say the same thing."""
    for template in _templates() if templates is None else templates:
        if template.search(words):
            return template.pattern
    return words


def _templates() -> list[re.Pattern]:
    from crosstrain.world.call_lines import OBJECTIONS

    return [re.compile(_SLOT.sub(".+?", re.escape(text))) for options in OBJECTIONS.values() for text in options]


def deal(world, count: int, seed: int = 1) -> list[Card]:
    """``count`` cards with distinct objections, dealt round the categories."""
    if not 1 <= count <= MAX_CARDS:
        raise CrosstrainError(f"--count {count}: deal between 1 and {MAX_CARDS} cards")
    notes = world.call_notes
    objections = notes[(notes.speaker == "buyer") & notes.objection_category.notna()].copy()
    objections["words"] = objections.text.map(buyer_words)
    objections = objections.dropna(subset=["words"])
    templates = _templates()
    objections["sentence"] = objections.words.map(lambda words: sentence_of(words, templates))
    if objections.empty:
        raise CrosstrainError(f"the {world.name} world has no buyer objections in its call notes: generate it again (crosstrain data generate --force)")
    rng = np.random.default_rng(seed)
    objections = objections.iloc[rng.permutation(len(objections))].drop_duplicates("sentence")
    piles = {}
    for category in objections.objection_category.value_counts().index:
        pile = objections[objections.objection_category == category]
        piles[category] = [pile.iloc[i] for i in range(len(pile))]
    cards: list[Card] = []
    while len(cards) < count and any(piles.values()):
        for category, pile in piles.items():
            if pile and len(cards) < count:
                row = pile.pop()
                cards.append(Card(str(row.note_id), category, str(row.words), probe(category)))
    return cards


def render(cards: list[Card], world_name: str, wanted: int) -> str:
    """The learners' deck: the buyer's words, a card number and LAER; never the category."""
    laer = " ".join(f"<b>{escape(step)}</b> {escape(what)}." for step, what in CHECKLIST)
    body = "".join(
        f'<div class="card"><div class="category">Card {number}</div>'
        f'<div class="words">&ldquo;{escape(c.words)}&rdquo;</div>'
        f'<div class="laer">{laer}</div></div>'
        for number, c in enumerate(cards, start=1)
    )
    intro = (f'<p class="intro">{len(cards)} objection cards from the {escape(world_name)} world{escape(_short(cards, wanted))}. '
             "Print on card stock, cut along the borders. The buyer reads the objection and keeps its category "
             "secret; the rep explores before responding; the observer ticks the LAER steps. The categories "
             "are in the facilitator's copy (cards-facilitator.html).</p>")
    return page("Objection cards", f'{intro}<div class="deck">{body}</div>', CARD_CSS)


def render_key(cards: list[Card], world_name: str, wanted: int) -> str:
    """The facilitator's copy: per card number, the secret category and the probe that finds it."""
    rows = "".join(
        f"<tr><td>{number}</td><td>{escape(c.category)}</td><td>&ldquo;{escape(c.words)}&rdquo;</td>"
        f"<td>{escape(c.probe)}</td><td class=\"ref\">{escape(c.note_id)}</td></tr>"
        for number, c in enumerate(cards, start=1)
    )
    body = (f'<h1>Objection cards: facilitator\'s copy</h1><p>{len(cards)} cards from the {escape(world_name)} world'
            f"{escape(_short(cards, wanted))}. Keep this page away from the learners: each card's category is the "
            'buyer\'s secret.</p><table class="key"><tr><th>Card</th><th>Category</th><th>Objection</th>'
            f"<th>Probe that finds it</th><th>Note</th></tr>{rows}</table>")
    return page("Objection cards: facilitator's copy", body, CARD_CSS)


def _short(cards: list[Card], wanted: int) -> str:
    return f" (the world holds only {len(cards)} distinct objections)" if len(cards) < wanted else ""


def write_cards(world, count: int, out_dir: Path | str, seed: int = 1) -> tuple[Path, list[Card]]:
    """The learners' ``cards.html`` (returned) and the facilitator's ``cards-facilitator.html``."""
    cards = deal(world, count, seed)
    write(Path(out_dir) / "cards-facilitator.html", render_key(cards, world.name, count))
    return write(Path(out_dir) / "cards.html", render(cards, world.name, count)), cards
