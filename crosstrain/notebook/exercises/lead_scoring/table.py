"""The exercise table of module 04, lead scoring.

Each exercise's expected value, hint and known mistakes, computed on the world the
notebook loaded; what the lesson teaches is in ``formulas``.
"""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.answers.forms import Form
from crosstrain.notebook.answers.scalars import Count, Mapping, Share
from crosstrain.notebook.exercise import Exercise, Mistake
from crosstrain.notebook.exercises.lead_scoring.formulas import (
    DECISION_MAKERS_PROBABILITY,
    LATE_STAGE_PROBABILITY,
    MODULE,
    MQL_BAR,
    SNIPPET_LETTERS,
    _accuracy_best,
    _best_f1,
    _inbound,
    _open_deals,
    champ_snippets,
    conversion_grid,
    late_without_buyer,
    lead_scores,
    lead_scores_frame,
    meddpicc_completeness,
    snippet_tags,
)
from crosstrain.notebook.exercises.lead_scoring.kinds import Grid, LeadScores, ScoreCount, Tags
from crosstrain.world.schema import MEDDPICC_FLAGS, new_business

# -- mistakes that need a few lines ---------------------------------------------------

def _not_won(world) -> pd.DataFrame:
    """New-business deals not won: the open ones and the lost ones."""
    deals = world.opportunities
    return deals[~deals.is_won.fillna(False).astype(bool) & (deals.type == "new_business")]


def _letter_of(world, tag: str) -> str | None:
    """The snippet whose tags include ``tag``, as a learner mapping a CHAMP element to it would answer."""
    return next((letter for letter, tags in snippet_tags(world).items() if tag in tags.split(";")), None)


def _scores_mistake(**change):
    """Scores computed a wrong way, shaped like the expected value (score and engagement)."""
    return lambda w: lead_scores_frame(w, **change)


def _tags_without(bant: bool = False, swap_process: bool = False):
    def compute(world):
        tags = snippet_tags(world)
        out = {}
        for letter, value in tags.items():
            kept = [t for t in value.split(";") if not (bant and t.startswith("bant."))]
            if not kept:  # a MEDDPICC-only tagger files money under criteria and timing under process
                kept = [{"bant.budget": "meddpicc.decision_criteria", "bant.timeline": "meddpicc.decision_process"}.get(t, t)
                        for t in value.split(";")]
            if swap_process:
                kept = [{"meddpicc.decision_process": "meddpicc.paper_process",
                         "meddpicc.paper_process": "meddpicc.decision_process"}.get(t, t) for t in kept]
            out[letter] = ";".join(kept)
        return out
    return compute


#: The lesson: "whole days with `.dt.days` are accepted too" for the ages of q1, so q2's
#: count is accepted on either scores.
SCORES_FORMS = (Form("ages in decimal days", lambda expected, w: expected.score),
                Form("ages in whole days (.dt.days)", lambda expected, w: lead_scores_frame(w, whole_days=True).score))
COUNT_FORMS = (Form("counted on scores with decimal-day ages", lambda expected, w: expected[0]),
               Form("counted on scores with whole-day ages", lambda expected, w: expected[1]))

EXERCISES = [
    Exercise(
        MODULE, "q1", "scores",
        "Score every lead: fit (no decay) plus engagement points halved every 30 days of age, as of the world's reference date.",
        LeadScores(),
        compute=lambda w: lead_scores_frame(w),
        accepts=SCORES_FORMS,
        hint_text=("Map each touchpoint's event_type to its points, multiply by 0.5 ** (age_days / 30) where "
                   "age_days = (world.reference_date - occurred_at).dt.total_seconds() / 86400, sum per lead_id, "
                   "then add fit_score (indexed by lead_id) and fill leads with no touchpoints with 0."),
        solution_text=("funnel = world.info['recipe']['funnel']\n"
                       "points = dict(zip(funnel['event_types'], funnel['event_points']))\n"
                       "tp = world.touchpoints\n"
                       "age_days = (world.reference_date - tp.occurred_at).dt.total_seconds() / 86400\n"
                       "engagement = (tp.event_type.map(points) * 0.5 ** (age_days / 30)).groupby(tp.lead_id).sum()\n"
                       "fit = world.leads.set_index('lead_id').fit_score\n"
                       "scores = fit + engagement.reindex(fit.index, fill_value=0)"),
        points=3,
        mistakes=(
            Mistake("no_decay", _scores_mistake(decay="none"),
                    "your engagement points do not decay: a pricing-page view from last year counts as much as one from yesterday. Multiply each touch's points by 0.5 ** (age_days / 30).", core=True),
            Mistake("linear", _scores_mistake(decay="linear"),
                    "your engagement drops in a straight line to zero after 30 days. A half-life of 30 days means the points halve every 30 days and never quite reach zero: 0.5 ** (age_days / 30)."),
            Mistake("e_folding", _scores_mistake(decay="e_folding"),
                    "exp(-age/30) divides the points by e (2.72) every 30 days, not by 2. A half-life halves them: 0.5 ** (age_days / 30)."),
            Mistake("decayed_fit", _scores_mistake(decay_fit=True),
                    "you decayed the fit score too. Fit (title, company, segment) does not fade with time: only engagement decays."),
            Mistake("real_today", _scores_mistake(as_of=pd.Timestamp.now().normalize()),
                    "you measured age to the real today. The CRM's clock stops at world.reference_date: measure every age to it."),
        ),
    ),
    Exercise(
        MODULE, "q2", "n_mql",
        f"With the MQL bar at {MQL_BAR} points, how many inbound leads are MQLs today?",
        ScoreCount(of="inbound leads"),
        compute=lambda w: tuple(int((lead_scores_frame(w, whole_days=whole).score[_inbound(w)] >= MQL_BAR).sum()) for whole in (False, True)),
        accepts=COUNT_FORMS,
        hint_text=f"Keep the inbound leads (source_channel is not 'outbound') and count those whose score from q1 is at least {MQL_BAR} (>=).",
        solution_text=("inbound = world.leads.set_index('lead_id').source_channel != 'outbound'\n"
                       f"n_mql = int((scores[inbound] >= {MQL_BAR}).sum())"),
        mistakes=(
            Mistake("outbound_too", lambda w: int((lead_scores(w) >= MQL_BAR).sum()),
                    "you counted outbound leads too. SDRs source those themselves: they never pass through the MQL stage. Keep source_channel != 'outbound'."),
            Mistake("undecayed", lambda w: int(((w.leads.fit_score + w.leads.engagement_score) >= MQL_BAR)[(w.leads.source_channel != 'outbound').to_numpy()].sum()),
                    "you used the CRM's engagement_score, which never decays: use your decayed scores from q1.", core=True),
            Mistake("world_mqls", lambda w: int(w.leads.mql_at.notna().sum()),
                    "that is how many leads the CRM ever marked as MQLs under its own rule. The question asks how many inbound leads your decayed score puts at or above the bar today."),
        ),
    ),
    Exercise(
        MODULE, "q3", "best_threshold",
        "Which whole-number MQL threshold (0 to 200) on your scores has the highest F1 against becoming an opportunity, over inbound leads?",
        Count(of="points"),
        compute=lambda w: _best_f1(w),
        hint_text=("For each threshold t in range(0, 201): mql = score >= t; tp = (mql & became_opp).sum(); "
                   "F1 = 2 * tp / (mql.sum() + became_opp.sum()). became_opp is opportunity_id.notna() on the same inbound leads. "
                   "max(range(0, 201), key=f1) returns the best t."),
        solution_text=("leads = world.leads.set_index('lead_id')\n"
                       "inbound = leads.source_channel != 'outbound'\n"
                       "s, became_opp = scores[inbound], leads.opportunity_id.notna()[inbound]\n"
                       "def f1(t):\n"
                       "    mql = s >= t\n"
                       "    return 2 * (mql & became_opp).sum() / (mql.sum() + became_opp.sum())\n"
                       "best_threshold = max(range(0, 201), key=f1)"),
        points=2,
        mistakes=(
            Mistake("against_mql", lambda w: _best_f1(w, truth="mql"),
                    "you scored the threshold against becoming an MQL. The CRM's MQLs come from its own rule, so that only measures how well you copy it: score against what sales cares about, opportunity_id.notna()."),
            Mistake("undecayed", lambda w: _best_f1(w, score=w.leads.set_index("lead_id").fit_score + w.leads.set_index("lead_id").engagement_score),
                    "you used fit_score + engagement_score, the CRM's undecayed score. The question asks about your decayed scores from q1."),
            Mistake("accuracy", _accuracy_best,
                    "that threshold maximises accuracy, not F1. With so few leads becoming opportunities, calling nobody an MQL is 'accurate': F1 balances precision and recall.", core=True),
        ),
    ),
    Exercise(
        MODULE, "q4", "grid",
        "Lead-to-opportunity rate of inbound leads by fit band (rows) and engagement band (columns).",
        Grid(),
        compute=lambda w: conversion_grid(w),
        hint_text=("Band each score with pd.cut(values, [0, 40, 60, 101], right=False, labels=['low', 'medium', 'high']) "
                   "(engagement edges [0, 10, 30, 101]). Then opportunity_id.notna().groupby([fit_band, engagement_band], "
                   "observed=False).mean().unstack() gives fit bands as rows and engagement bands as columns."),
        solution_text=("inb = world.leads[world.leads.source_channel != 'outbound']\n"
                       "labels = ['low', 'medium', 'high']\n"
                       "fit_band = pd.cut(inb.fit_score, [0, 40, 60, 101], right=False, labels=labels)\n"
                       "engagement_band = pd.cut(inb.engagement_score, [0, 10, 30, 101], right=False, labels=labels)\n"
                       "grid = inb.opportunity_id.notna().groupby([fit_band, engagement_band], observed=False).mean().unstack()"),
        points=2,
        mistakes=(
            Mistake("counts", lambda w: conversion_grid(w, rate=False),
                    "those are counts of leads that became opportunities; the question asks for rates: divide by the leads in each cell (.mean() of True/False).", core=True),
            Mistake("transposed", lambda w: conversion_grid(w).T,
                    "your table is transposed: fit bands go in the rows and engagement bands in the columns."),
            Mistake("to_mql", lambda w: conversion_grid(w, outcome="mql"),
                    "that is the rate of becoming an MQL. The question asks how many became opportunities: use opportunity_id."),
            Mistake("outbound_too", lambda w: conversion_grid(w, inbound_only=False),
                    "you kept outbound leads: they are scored differently and never pass through the MQL stage. Keep source_channel != 'outbound'."),
        ),
    ),
    Exercise(
        MODULE, "q5", "tags",
        "Tag each call snippet A-K with the BANT and MEDDPICC elements it evidences.",
        Tags(),
        compute=snippet_tags,
        hint_text=("Ask of each snippet: what do we now know about the deal? Money is bant.budget, when is bant.timeline, "
                   "a named signer, or a buyer who must ask someone else, is both bant.authority and meddpicc.economic_buyer, a quantified problem is both bant.need and "
                   "meddpicc.identified_pain. Decision process = the steps to choose; paper process = the steps after choosing (legal, procurement)."),
        solution_text=("tags = {'A': 'bant.need;meddpicc.identified_pain', 'B': 'bant.budget', 'C': 'meddpicc.champion',\n"
                       "        'D': 'bant.authority;meddpicc.economic_buyer', 'E': 'meddpicc.decision_process', 'F': 'bant.timeline',\n"
                       "        'G': 'meddpicc.metrics', 'H': 'meddpicc.paper_process', 'I': 'meddpicc.competition',\n"
                       "        'J': 'meddpicc.decision_criteria', 'K': 'bant.authority;meddpicc.economic_buyer'}"),
        points=2,
        mistakes=(
            Mistake("meddpicc_only", _tags_without(bant=True),
                    "some snippets evidence a BANT element as well as a MEDDPICC one: a named signer is authority too, a costed problem is need too. Budget and timing are BANT elements.", core=True),
            Mistake("process_swap", _tags_without(swap_process=True),
                    "decision process and paper process are swapped: the decision process is how they choose (shortlist, pilot, committee); the paper process is what happens after (legal, procurement, security review)."),
        ),
    ),
    Exercise(
        MODULE, "q6", "completeness",
        "Over open deals, what share of the eight MEDDPICC elements is evidenced on average?",
        Share(of="the eight elements"),
        compute=lambda w: meddpicc_completeness(_open_deals(w)),
        hint_text="Keep the open new-business deals (type == 'new_business', is_closed == False). Count the True has_* flags per deal (.sum(axis=1)), divide by 8, and take the mean.",
        solution_text=("flags = [c for c in world.opportunities.columns if c.startswith('has_')]\n"
                       "deals = world.opportunities[world.opportunities.type == 'new_business']\n"
                       "open_deals = deals[~deals.is_closed]\n"
                       "completeness = (open_deals[flags].sum(axis=1) / 8).mean()"),
        mistakes=(
            Mistake("all_deals", lambda w: meddpicc_completeness(new_business(w.opportunities)),
                    "you included closed deals. Completeness is a check on the deals still in play: keep is_closed == False.", core=True),
            Mistake("not_won", lambda w: meddpicc_completeness(_not_won(w)),
                    "'not won' also includes lost deals, which are closed. Open deals are the ones with is_closed == False."),
            Mistake("count_not_share", lambda w: meddpicc_completeness(_open_deals(w)) * len(MEDDPICC_FLAGS),
                    "that is the mean number of elements evidenced; the question asks for the share of the eight: divide by 8."),
        ),
    ),
    Exercise(
        MODULE, "q7", "late_no_eb",
        f"How many open deals in a late stage (probability {LATE_STAGE_PROBABILITY} or more) have no economic buyer identified?",
        Count(of="deals"),
        compute=lambda w: late_without_buyer(_open_deals(w)),
        hint_text=f"Keep open new-business deals (type == 'new_business', is_closed == False) with probability >= {LATE_STAGE_PROBABILITY} and has_economic_buyer == False, then count them.",
        solution_text=("deals = world.opportunities[world.opportunities.type == 'new_business']\n"
                       f"late = (~deals.is_closed) & (deals.probability >= {LATE_STAGE_PROBABILITY})\n"
                       "late_no_eb = int((late & ~deals.has_economic_buyer).sum())"),
        mistakes=(
            Mistake("closed_too", lambda w: late_without_buyer(new_business(w.opportunities)),
                    "closed-won deals have probability 100, so you counted deals that are already closed. Keep open deals (is_closed == False).", core=True),
            Mistake("decision_makers_stage", lambda w: late_without_buyer(_open_deals(w), DECISION_MAKERS_PROBABILITY),
                    f"you started at {DECISION_MAKERS_PROBABILITY}, Id. Decision Makers: the stage where the AE is still finding the "
                    f"economic buyer, so a deal there without one is not late. Late stages start at {LATE_STAGE_PROBABILITY}."),
            Mistake("with_buyer", lambda w: int(((_open_deals(w).probability >= LATE_STAGE_PROBABILITY) & _open_deals(w).has_economic_buyer).sum()),
                    "you counted the late deals that *do* have an economic buyer. The risk is the ones without: ~deals.has_economic_buyer."),
        ),
    ),
    Exercise(
        MODULE, "q8", "champ",
        "For each CHAMP element, which snippet A-J gives evidence of it?",
        Mapping(keys=("challenges", "authority", "money", "prioritization"), values=SNIPPET_LETTERS, of="snippet"),
        compute=champ_snippets,
        hint_text=("CHAMP is BANT reordered to start from the buyer's problem: Challenges is what hurts (a problem with a cost), "
                   "Authority who signs, Money the budget, Prioritization where the project sits among the buyer's other work, "
                   "and so when it happens. Find the snippet that speaks to each; the Ch of CHAMP is not the champion."),
        solution_text=("# the snippet of the BANT element each CHAMP element renames (exercise 5's tags)\n"
                       "champ = {'challenges': 'A', 'authority': 'D', 'money': 'B', 'prioritization': 'F'}"),
        mistakes=(
            Mistake("challenges_as_champion", lambda w: {**champ_snippets(w), "challenges": _letter_of(w, "meddpicc.champion")},
                    "the Ch of CHAMP is the buyer's Challenges (the problem and what it costs), not a champion: "
                    "look for the snippet where the buyer describes what hurts.", core=True),
            Mistake("prioritization_as_process", lambda w: {**champ_snippets(w), "prioritization": _letter_of(w, "meddpicc.decision_process")},
                    "how the buyer will choose (a shortlist, a pilot) is their decision process. Prioritization is where this "
                    "project sits among their other work, and so when it will happen: look for the snippet about timing."),
            Mistake("money_as_metrics", lambda w: {**champ_snippets(w), "money": _letter_of(w, "meddpicc.metrics")},
                    "numbers about the gain the buyer expects are metrics. Money in CHAMP is the budget: whether there is one, "
                    "and how much."),
        ),
    ),
]
