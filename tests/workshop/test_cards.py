"""Objection cards come from the world's own call notes, with the brief's probes and LAER;
no two cards say the same sentence, and the learners' copy keeps each category secret."""

from __future__ import annotations

import re

import pytest

from crosstrain.errors import CrosstrainError
from crosstrain.workshop.cards import buyer_words, deal, render, sentence_of, write_cards
from crosstrain.world.call_lines import OBJECTIONS
from crosstrain.world.calls import PROBES


def test_buyer_words_are_cut_from_the_snippet():
    assert buyer_words('Buyer: "Procurement decides this, not me." Rep: "Who else is involved?"') == "Procurement decides this, not me."
    assert buyer_words('Rep: "Who else are you looking at?" Buyer: "Globex."') == "Globex."
    assert buyer_words("no quote here") is None


def test_a_small_deck_shows_every_category(tiny_world):
    notes = tiny_world.call_notes
    categories = set(notes.objection_category.dropna())
    cards = deal(tiny_world, len(categories), seed=3)
    assert {c.category for c in cards} == categories
    texts = set(notes.text)
    for card in cards:
        assert card.probe == PROBES[card.category]
        assert any(f'Buyer: "{card.words}"' in t for t in texts)  # really said in this world
        assert notes.set_index("note_id").loc[card.note_id, "objection_category"] == card.category


def test_same_seed_same_deck_and_no_repeats(tiny_world):
    a, b = deal(tiny_world, 20, seed=5), deal(tiny_world, 20, seed=5)
    assert a == b
    assert len({c.words for c in a}) == len(a)
    assert deal(tiny_world, 20, seed=6) != a


def test_no_two_cards_share_a_sentence(default_world):
    """Notes that differ only in an amount or a competitor are one objection: the deck of 24
    held about 11 sentences, four of them 'I can't justify $... for this.'"""
    said = sum(len(options) for options in OBJECTIONS.values())
    cards = deal(default_world, said)
    sentences = [sentence_of(c.words) for c in cards]
    assert len(set(sentences)) == len(cards)
    assert len(cards) == said  # every sentence the world says
    assert sum("justify" in c.words for c in cards) == 1


def test_the_learners_copy_keeps_the_category_secret(tiny_world, tmp_path):
    path, cards = write_cards(tiny_world, 12, tmp_path / "cards")
    html = path.read_text()
    around_words = re.sub(r"&ldquo;.*?&rdquo;", "", html)  # a buyer may say 'budget' in their own words
    for category in {c.category for c in cards}:
        assert not re.search(rf"\b{category}\b", around_words, flags=re.I), category
    assert not any(c.probe in html for c in cards)
    key = (tmp_path / "cards" / "cards-facilitator.html").read_text()
    for number, card in enumerate(cards, start=1):
        assert f"<tr><td>{number}</td><td>{card.category}</td>" in key and card.probe in key


def test_page_is_printable_with_laer_on_each_card(tiny_world, tmp_path):
    path, cards = write_cards(tiny_world, 9, tmp_path / "cards")
    html = path.read_text()
    assert html.count('class="card"') == 9
    assert html.count("<b>Explore</b>") == 9
    assert "@page" in html and "break-inside: avoid" in html


def test_render_escapes_buyer_words():
    from crosstrain.workshop.cards import Card

    html = render([Card("N1", "price", "<script>x</script>", "p")], "tiny", 1)
    assert "<script>x" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("count", [0, -1, 10_000])
def test_bad_count_is_one_line(tiny_world, count):
    with pytest.raises(CrosstrainError, match=f"--count {count}"):
        deal(tiny_world, count)


def test_cli(cli, tmp_path):
    result = cli("workshop", "cards", "--count", "6", "--world", "tiny", "--out", str(tmp_path / "c"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "c" / "cards.html").read_text().count('class="card"') == 6
    bad = cli("workshop", "cards", "--count", "0", "--world", "tiny", "--out", str(tmp_path / "c"))
    assert bad.returncode == 2 and bad.stderr.strip() == "error: --count 0: deal between 1 and 300 cards"
