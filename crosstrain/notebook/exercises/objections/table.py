"""The exercise table of module 05, objection handling.

Each exercise's expected value, hint and known mistakes, computed on the world the
notebook loaded; what the lesson teaches is in ``formulas``.
"""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.answers.by_label import ByLabel, Parts
from crosstrain.notebook.answers.scalars import Amount, Share
from crosstrain.notebook.exercise import Exercise, Mistake
from crosstrain.notebook.exercises.objections.formulas import (
    MODULE,
    QUALITIES,
    REPLY_STEPS,
    category_shares,
    closed_deals,
    compare_deals,
    discount_effect,
    objection_notes,
    responds_before_exploring,
    steps_of,
    win_rate_by_category,
    win_rate_by_quality,
    win_rate_of,
)
from crosstrain.notebook.exercises.objections.kinds import StepLabels
from crosstrain.world.schema import new_business

# --- what each exercise computes, right and wrong ----------------------------------------

def _categories(world) -> list[str]:
    return sorted(objection_notes(world.call_notes).objection_category.unique())


def _dict(series: pd.Series) -> dict:
    return {str(k): float(v) for k, v in series.items()}


def _shares_over_all_notes(world) -> dict:
    notes = world.call_notes
    return _dict(objection_notes(notes).objection_category.value_counts() / len(notes))


def _shares_of_deals(world) -> dict:
    obj = objection_notes(world.call_notes)
    return _dict(obj.groupby("objection_category").opportunity_id.nunique() / obj.opportunity_id.nunique())


def _labels_with(**changed) -> dict:
    return {**REPLY_STEPS, **changed}


def _respond_first(world, rule="no_explore", all_notes=False) -> float:
    notes = world.call_notes if all_notes else objection_notes(world.call_notes)
    steps = notes.laer_steps
    flag = {"no_explore": responds_before_exploring(steps), "only_respond": steps == "respond",
            "any_respond": steps.map(lambda v: "respond" in steps_of(v))}[rule]
    return float(flag.fillna(False).astype(bool).mean())


def _note_level(world, key: str) -> dict:
    """Win rate counted over notes (each note a vote): joining notes to deals without reducing to deals."""
    column = "response_quality" if key == "quality" else "objection_category"
    joined = objection_notes(world.call_notes).merge(closed_deals(new_business(world.opportunities))[["opportunity_id", "is_won"]], on="opportunity_id")
    return _dict(joined.is_won.fillna(False).astype(bool).groupby(joined[column]).mean())


def _with_open(world, by: str) -> dict:
    deals = new_business(world.opportunities).assign(is_closed=True)  # every deal treated as decided
    notes = world.call_notes
    return _dict(win_rate_by_category(notes, deals) if by == "category" else win_rate_by_quality(notes, deals))


def _any_strong(world) -> dict:
    obj = objection_notes(world.call_notes)
    return {q: win_rate_of(new_business(world.opportunities), obj.loc[obj.response_quality == q, "opportunity_id"]) for q in QUALITIES}


def _discount_percent_anywhere(world) -> dict:
    notes = world.call_notes  # a '%' anywhere: the buyer's "30% above what they quoted" too
    return compare_deals(new_business(world.opportunities), notes.loc[notes.text.str.contains("%", regex=False), "opportunity_id"])


def _discount_open_included(world) -> dict:
    return discount_effect(world.call_notes, new_business(world.opportunities).assign(is_closed=True))


EXERCISES = [
    Exercise(
        MODULE, "q1", "objection_shares", "What share of the buyers' objections falls in each category?",
        ByLabel(_categories, of="objection category", measure="share", share=True,
                extra_hint=" Discovery notes (speaker 'rep') have no category and are no objection."),
        compute=lambda w: _dict(category_shares(w.call_notes)),
        hint_text="Keep the notes that have an objection_category (the buyer objected); value_counts(normalize=True) on that column gives each category's share of them.",
        solution_text="objections = notes[notes.objection_category.notna()]\nobjection_shares = objections.objection_category.value_counts(normalize=True)",
        mistakes=(
            Mistake("all_notes", _shares_over_all_notes,
                    "you divided by every call note, discovery answers included, so your shares do not add up to 1. A discovery note (the rep asks, the buyer answers) is no objection: divide by the objection notes only.", core=True),
            Mistake("share_of_deals", _shares_of_deals,
                    "you measured the share of deals that heard each objection; a deal can hear several, so these do not add up to 1. The question asks what share of the objections each category is: count notes."),
        ),
    ),
    Exercise(
        MODULE, "q2", "laer_labels", "Which LAER steps does each reply A-G to the price objection show?",
        StepLabels(),
        compute=lambda w: dict(REPLY_STEPS),
        hint_text=("Listen = plays back what the buyer said; Acknowledge = says the concern is fair WITHOUT agreeing with it; "
                   "Explore = an open question (what, how, who...) about the concern; Respond = any answer, proposal or "
                   "pitch, good or bad (a discount, a rebuttal and a feature list are responses too)."),
        solution_text=("laer_labels = {'A': 'respond', 'B': 'acknowledge;explore', 'C': 'listen;acknowledge;explore',\n"
                       "               'D': 'acknowledge;respond', 'E': 'respond', 'F': 'listen;acknowledge;explore;respond',\n"
                       "               'G': 'acknowledge;respond'}"),
        points=2,
        mistakes=(
            Mistake("agreeing_is_acknowledging", lambda w: _labels_with(A="acknowledge;respond"),
                    "\"You're right, it is expensive\" agrees with the objection: it confirms the buyer's fear instead of acknowledging it. Acknowledging says the concern is fair to raise, without conceding it."),
            Mistake("feel_felt_found_explores", lambda w: _labels_with(G="acknowledge;explore;respond"),
                    "Feel-Felt-Found asks the buyer nothing: it is a scripted answer. Used before the concern is clarified it responds without exploring."),
            Mistake("weak_replies_respond_nothing", lambda w: _labels_with(A="", D="acknowledge", E=""),
                    "a discount, a feature list and a rebuttal are responses, only weak ones: LAER labels what a reply does, not whether it is good. Mark them 'respond'.", core=True),
        ),
    ),
    Exercise(
        MODULE, "q3", "respond_first_share", "What share of the reps' replies to objections respond before exploring?",
        Share(of="the objection notes"),
        compute=lambda w: _respond_first(w),
        hint_text="On the objection notes only, a reply responds before exploring when its laer_steps contain 'respond' but not 'explore' (str.contains works on the ';'-separated text). Take the mean of that True/False.",
        solution_text=("steps = objections.laer_steps\n"
                       "respond_first = steps.str.contains('respond') & ~steps.str.contains('explore')\n"
                       "respond_first_share = respond_first.mean()"),
        mistakes=(
            Mistake("only_respond", lambda w: _respond_first(w, rule="only_respond"),
                    "you counted only the replies that are nothing but 'respond'. A reply that acknowledges and then responds has still not explored: look for 'respond' without 'explore'."),
            Mistake("any_respond", lambda w: _respond_first(w, rule="any_respond"),
                    "you counted every reply that responds, including those that explored first, which is what LAER asks for. Keep the ones with 'respond' and no 'explore'.", core=True),
            Mistake("discovery_notes_too", lambda w: _respond_first(w, all_notes=True),
                    "you divided by every call note, discovery answers included. Only objection notes have a reply to judge: keep the notes with an objection_category."),
        ),
    ),
    Exercise(
        MODULE, "q4", "win_by_category", "Win rate of the closed deals that heard each category of objection?",
        ByLabel(_categories, of="objection category", measure="win rate", share=True),
        compute=lambda w: _dict(win_rate_by_category(w.call_notes, new_business(w.opportunities))),
        hint_text=("Go to deal level first: for each category, the distinct opportunity_ids of its objection notes. "
                   "Then, over the closed deals among them, won / (won + lost). A merge on opportunity_id followed by "
                   "drop_duplicates(['objection_category', 'opportunity_id']) does it in one table."),
        solution_text=("done = deals[deals.is_closed]\n"
                       "pairs = objections[['objection_category', 'opportunity_id']].drop_duplicates()\n"
                       "joined = pairs.merge(done[['opportunity_id', 'is_won']], on='opportunity_id')\n"
                       "win_by_category = joined.groupby('objection_category').is_won.mean()"),
        points=2,
        mistakes=(
            Mistake("notes_not_deals", lambda w: _note_level(w, "category"),
                    "you counted notes, not deals: a deal that heard the same objection three times votes three times. Win rate is about deals: keep each (category, deal) pair once.", core=True),
            Mistake("open_deals_included", lambda w: _with_open(w, "category"),
                    "your win rate counts open deals as not won. An open deal is not decided yet: win rate = won / (won + lost), over closed deals only."),
        ),
    ),
    Exercise(
        MODULE, "q5", "win_by_quality", "Win rate of closed deals whose every reply was strong, and of those with at least one weak reply?",
        ByLabel(lambda w: list(QUALITIES), of="reply quality", measure="win rate", share=True),
        compute=lambda w: _dict(win_rate_by_quality(w.call_notes, new_business(w.opportunities))),
        hint_text=("Per deal with objections, flag whether any reply was weak: (objections.response_quality == 'weak')"
                   ".groupby(objections.opportunity_id).any(). Map True to 'weak' and False to 'strong', join to the closed "
                   "deals, and take the mean of is_won per label."),
        solution_text=("any_weak = (objections.response_quality == 'weak').groupby(objections.opportunity_id).any()\n"
                       "quality = any_weak.map({True: 'weak', False: 'strong'}).rename('quality')\n"
                       "joined = deals[deals.is_closed].merge(quality, left_on='opportunity_id', right_index=True)\n"
                       "win_by_quality = joined.groupby('quality').is_won.mean()"),
        points=2,
        mistakes=(
            Mistake("notes_not_deals", lambda w: _note_level(w, "quality"),
                    "you counted notes, not deals: each reply voted with its deal's outcome, and a deal with many replies voted many times. Label each deal once (weak if any reply was weak), then take the win rate over deals."),
            Mistake("open_deals_included", lambda w: _with_open(w, "quality"),
                    "your win rate counts open deals as not won. An open deal is not decided yet: win rate = won / (won + lost), over closed deals only."),
            Mistake("any_strong_reply", _any_strong,
                    "you put a deal in 'strong' when any of its replies was strong, so deals with both kinds count in both groups. A deal is 'strong' only when every reply was strong; one weak reply makes it 'weak'.", core=True),
        ),
    ),
    Exercise(
        MODULE, "q6", "discount_effect", "Closed deals with a discount-first reply vs the rest: win rate and median won amount?",
        Parts((("win_rate_with", Share(of="the closed deals with a discount-first reply")),
               ("win_rate_without", Share(of="the other closed deals")),
               ("median_won_with", Amount(of="a median deal amount")),
               ("median_won_without", Amount(of="a median deal amount")))),
        compute=lambda w: discount_effect(w.call_notes, new_business(w.opportunities)),
        hint_text=("A discount-first reply is an objection note whose REP part offers '% off' (the buyer may quote a % too: "
                   "look after 'Rep: \"'). Flag the closed deals that had one (isin on opportunity_id); deals holds the "
                   "new-business deals only (type == 'new_business'), expansions are module 09's. Win rate = mean of "
                   "is_won per group; median_won = the median amount of the won deals of each group."),
        solution_text=("rep_said = objections.text.str.split('Rep: \"').str[1]\n"
                       "discount_ids = objections.loc[rep_said.str.contains('% off'), 'opportunity_id']\n"
                       "done = deals[deals.is_closed]\n"
                       "has = done.opportunity_id.isin(discount_ids)\n"
                       "won = done[done.is_won]\n"
                       "won_has = won.opportunity_id.isin(discount_ids)\n"
                       "discount_effect = {\n"
                       "    'win_rate_with': done[has].is_won.mean(), 'win_rate_without': done[~has].is_won.mean(),\n"
                       "    'median_won_with': won[won_has].amount.median(), 'median_won_without': won[~won_has].amount.median(),\n"
                       "}"),
        points=3,
        mistakes=(
            Mistake("mean_not_median", lambda w: discount_effect(w.call_notes, new_business(w.opportunities), how="mean"),
                    "your amounts are means. Deal sizes are skewed (a few enterprise deals are huge), so compare the median won amount."),
            Mistake("open_deals_included", _discount_open_included,
                    "your win rates count open deals as not won. An open deal is not decided yet: keep the closed deals (is_closed) before comparing."),
            Mistake("percent_anywhere", _discount_percent_anywhere,
                    "you flagged every note with a '%' in it, buyers' words included (\"you're about 30% above what they quoted\" is the buyer, not a discount). Look for '% off' in what the rep said.", core=True),
            Mistake("with_expansions", lambda w: discount_effect(w.call_notes, w.opportunities),
                    "your 'without' group keeps the expansion deals (type 'expansion': CSMs selling more to existing customers, "
                    "module 09), which hear no objections and win far more often. Compare new-business deals: use deals, "
                    "which keeps type == 'new_business'."),
        ),
    ),
]
