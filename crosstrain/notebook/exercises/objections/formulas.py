"""Module 05, objection handling: categories, LAER, and what replies do to deals.

The analyses are small pure functions on the world's ``call_notes`` and
``opportunities`` (tested on hand-made rows against the domain brief); every expected
value is recomputed from the world the notebook loaded. Win rates are deal-level and
over closed deals only: a note is one sentence of a call, a deal is what is won or lost.

Answer kinds: ``ByLabel`` and ``Parts`` from ``crosstrain.notebook.answers``; ``StepLabels``
(in ``kinds``) scores the LAER steps a learner reads in a set of replies.
"""

from __future__ import annotations

import math

import pandas as pd

from crosstrain.notebook.exercises.objections.lesson import (  # noqa: F401 (the table's, kinds' and widget's names)
    PRICE_OBJECTION,
    REPLIES,
    buyer_words,
    classify_objection,
)

MODULE = "05-objections"
LAER_STEPS = ("listen", "acknowledge", "explore", "respond")
QUALITIES = ("strong", "weak")
DISCOUNT_MARK = "% off"  # how a discount-first reply reads in the notes: "I can take 15% off..."

# The LAER steps each reply of q2 (``lesson.REPLIES``) shows. Agreeing is not acknowledging, a
# leading question or a script is not exploring, and a discount, a rebuttal or a feature dump
# is a (weak) response.
REPLY_STEPS = {
    "A": "respond",
    "B": "acknowledge;explore",
    "C": "listen;acknowledge;explore",
    "D": "acknowledge;respond",
    "E": "respond",
    "F": "listen;acknowledge;explore;respond",
    "G": "acknowledge;respond",
}


# --- the analyses (domain brief, "Objection handling" and "Formulas") --------------------

def objection_notes(notes: pd.DataFrame) -> pd.DataFrame:
    """The notes that carry a buyer's objection; discovery notes (rep asks) are not objections."""
    return notes[notes.objection_category.notna()]


def category_shares(notes: pd.DataFrame) -> pd.Series:
    """Share of objections in each category: objections of a category / all objections."""
    return objection_notes(notes).objection_category.value_counts(normalize=True).sort_index()


def steps_of(laer_steps: str | None) -> frozenset[str]:
    """The set of LAER steps in a ';'-separated ``laer_steps`` value (empty when missing)."""
    if not isinstance(laer_steps, str):
        return frozenset()
    return frozenset(s.strip().lower() for s in laer_steps.split(";") if s.strip())


def responds_before_exploring(laer_steps: pd.Series) -> pd.Series:
    """True for a reply that responds without exploring: it answers a concern it never clarified."""
    return laer_steps.map(lambda v: "respond" in steps_of(v) and "explore" not in steps_of(v)).astype(bool)




def closed_deals(deals: pd.DataFrame) -> pd.DataFrame:
    """Won or lost deals: an open deal is not decided yet and has no place in a win rate."""
    return deals[deals.is_closed.fillna(False).astype(bool)]


def _is_won(deals: pd.DataFrame) -> pd.Series:
    return deals.is_won.fillna(False).astype(bool)


def win_rate_of(deals: pd.DataFrame, ids) -> float:
    """won / (won + lost) over the closed deals among ``ids`` (each deal counted once)."""
    done = closed_deals(deals)
    done = done[done.opportunity_id.isin(set(ids))]
    return float(_is_won(done).mean()) if len(done) else math.nan


def win_rate_by_category(notes: pd.DataFrame, deals: pd.DataFrame) -> pd.Series:
    """Win rate of the closed deals that heard at least one objection of each category.

    Deal-level: each (category, deal) pair counts once, however many notes it has.
    """
    pairs = objection_notes(notes)[["objection_category", "opportunity_id"]].drop_duplicates()
    done = closed_deals(deals)
    outcome = pd.DataFrame({"opportunity_id": done.opportunity_id, "won": _is_won(done)})
    joined = pairs.merge(outcome, on="opportunity_id")
    return joined.groupby("objection_category").won.mean().astype(float).sort_index()


def deal_quality(notes: pd.DataFrame) -> pd.Series:
    """Per deal with objections: 'weak' if any reply was weak, 'strong' if every reply was strong."""
    obj = objection_notes(notes)
    weak = (obj.response_quality == "weak").groupby(obj.opportunity_id).any()
    return weak.map({True: "weak", False: "strong"}).rename("quality")


def win_rate_by_quality(notes: pd.DataFrame, deals: pd.DataFrame) -> pd.Series:
    """Win rate of closed deals whose every reply was strong vs those with at least one weak reply."""
    quality = deal_quality(notes)
    return pd.Series({q: win_rate_of(deals, quality.index[quality == q]) for q in QUALITIES})


def rep_words(text: pd.Series) -> pd.Series:
    """What the rep said in each note (the part after 'Rep: "'), so the buyer's words stay out."""
    return text.str.split('Rep: "', n=1, regex=False).str[1].fillna("")


def offers_discount(notes: pd.DataFrame) -> pd.Series:
    """True for an objection note whose reply offers a discount ('% off')."""
    obj = notes.objection_category.notna()
    return obj & rep_words(notes.text).str.contains(DISCOUNT_MARK, regex=False)


def discount_effect(notes: pd.DataFrame, deals: pd.DataFrame, how: str = "median") -> dict:
    """Closed deals with a discount-first reply vs the rest: win rate and median won amount."""
    return compare_deals(deals, notes.loc[offers_discount(notes), "opportunity_id"], how)


def compare_deals(deals: pd.DataFrame, ids, how: str = "median") -> dict:
    """Closed deals among ``ids`` ("with") vs the other closed deals ("without")."""
    done = closed_deals(deals)
    has = done.opportunity_id.isin(set(ids))
    won = _is_won(done)
    return {
        "win_rate_with": float(won[has].mean()),
        "win_rate_without": float(won[~has].mean()),
        "median_won_with": float(getattr(done.amount[has & won], how)()),
        "median_won_without": float(getattr(done.amount[~has & won], how)()),
    }
