"""Module 04, lead scoring and qualification: decayed scores, MQL thresholds, frameworks.

Every expected value is recomputed from the world the notebook loaded. The answer kinds
this module needs beyond ``crosstrain.learn.answers`` (a Series of scores per lead, a
fit x engagement grid, a dict of framework tags) are defined here with the same
protocol: ``sanity(answer, world) -> message | None`` and a pure
``score(answer, expected) -> float in [0, 1]`` on decoded plain values.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crosstrain.learn.answers import Count, Share, _type_name
from crosstrain.learn.exercise import Exercise, Mistake
from crosstrain.world.schema import MEDDPICC_FLAGS

MODULE = "04-lead-scoring"
HALF_LIFE_DAYS = 30
MQL_BAR = 70  # the threshold q2 asks about
THRESHOLDS = range(0, 201)  # the whole-number thresholds q3 tries
BANDS = ("low", "medium", "high")
FIT_EDGES = (0, 40, 60, 101)  # low < 40 <= medium < 60 <= high
ENGAGEMENT_EDGES = (0, 10, 30, 101)  # low < 10 <= medium < 30 <= high
LATE_STAGE_PROBABILITY = 60

BANT_TAGS = ("bant.budget", "bant.authority", "bant.need", "bant.timeline")
MEDDPICC_TAGS = ("meddpicc.metrics", "meddpicc.economic_buyer", "meddpicc.decision_criteria",
                 "meddpicc.decision_process", "meddpicc.paper_process", "meddpicc.identified_pain",
                 "meddpicc.champion", "meddpicc.competition")
FRAMEWORK_TAGS = BANT_TAGS + MEDDPICC_TAGS
# The snippets q5 shows, by letter: a discovery answer evidencing a MEDDPICC flag, or an
# objection of a category. The order is fixed so the letters mean the same in every world.
SNIPPET_KINDS = (
    ("A", "discovery", "has_identified_pain"),
    ("B", "objection", "budget"),
    ("C", "discovery", "has_champion"),
    ("D", "discovery", "has_economic_buyer"),
    ("E", "discovery", "has_decision_process"),
    ("F", "objection", "timing"),
    ("G", "discovery", "has_metrics"),
    ("H", "discovery", "has_paper_process"),
    ("I", "discovery", "has_competition_known"),
    ("J", "discovery", "has_decision_criteria"),
)
_DISCOVERY_TAG = {  # the world's own tag of each discovery answer (crosstrain/world/calls.py)
    "has_metrics": "meddpicc.metrics", "has_economic_buyer": "bant.authority;meddpicc.economic_buyer",
    "has_decision_criteria": "meddpicc.decision_criteria", "has_decision_process": "meddpicc.decision_process",
    "has_paper_process": "meddpicc.paper_process", "has_identified_pain": "bant.need;meddpicc.identified_pain",
    "has_champion": "meddpicc.champion", "has_competition_known": "meddpicc.competition",
}


# -- the reference computations -------------------------------------------------------

def points_table(world) -> dict[str, int]:
    """Engagement points per touchpoint event type, from the world's recipe."""
    funnel = world.info["recipe"]["funnel"]
    return dict(zip(funnel["event_types"], funnel["event_points"]))


def decayed_engagement(world, as_of=None, half_life_days: float = HALF_LIFE_DAYS) -> pd.Series:
    """Each lead's engagement points, every touch halved per ``half_life_days`` of age.

    Age is measured to ``as_of`` (default: the world's reference date, its "today"), in
    days with fractions. Indexed by lead_id, every lead (0 for leads without touches).
    """
    if as_of is None and half_life_days == HALF_LIFE_DAYS:
        return lead_scores_frame(world).engagement.copy()
    as_of = world.reference_date if as_of is None else as_of
    tp = world.touchpoints
    age_days = (as_of - tp.occurred_at).dt.total_seconds() / 86400
    decayed = tp.event_type.map(points_table(world)) * 0.5 ** (age_days / half_life_days)
    per_lead = decayed.groupby(tp.lead_id).sum()
    return per_lead.reindex(world.leads.lead_id, fill_value=0.0).rename("engagement")


def lead_scores(world) -> pd.Series:
    """Fit (never decays) plus decayed engagement, by lead_id."""
    return lead_scores_frame(world).score.rename("score")


def _inbound(world) -> pd.Series:
    leads = world.leads.set_index("lead_id")
    return leads.source_channel != "outbound"


def f1_at(score: pd.Series, truth: pd.Series, threshold: float) -> float:
    """F1 of "score >= threshold" against ``truth``: 2 TP / (predicted + actual)."""
    predicted = score >= threshold
    denominator = int(predicted.sum()) + int(truth.sum())
    return 2 * int((predicted & truth).sum()) / denominator if denominator else 0.0


def best_threshold(score: pd.Series, truth: pd.Series, thresholds=THRESHOLDS) -> int:
    """The whole-number threshold with the highest F1; the lowest one on a tie.

    Same result as ``max(thresholds, key=lambda t: f1_at(score, truth, t))``, counted
    with sorted arrays so that trying 201 thresholds stays fast.
    """
    values, hit = score.to_numpy(dtype=float), truth.to_numpy(dtype=bool)
    every, good = np.sort(values), np.sort(values[hit])
    ts = np.asarray(list(thresholds), dtype=float)
    predicted = len(every) - np.searchsorted(every, ts, side="left")
    hits = len(good) - np.searchsorted(good, ts, side="left")
    denominator = predicted + len(good)
    f1 = np.where(denominator > 0, 2 * hits / np.maximum(denominator, 1), 0.0)
    return int(ts[int(np.argmax(f1))])


def _best_f1(world, score=None, truth="opportunity", inbound_only=True) -> int:
    leads = world.leads.set_index("lead_id")
    score = lead_scores(world) if score is None else score
    truth = (leads.opportunity_id if truth == "opportunity" else leads.mql_at).notna()
    keep = _inbound(world) if inbound_only else pd.Series(True, index=leads.index)
    return best_threshold(score[keep], truth[keep])


def _accuracy_best(world) -> int:
    keep = _inbound(world)
    score, truth = lead_scores(world)[keep], world.leads.set_index("lead_id").opportunity_id.notna()[keep]
    return int(max(THRESHOLDS, key=lambda t: ((score >= t) == truth).mean()))


def band(values: pd.Series, edges) -> pd.Series:
    """low / medium / high, each band including its lower edge."""
    return pd.cut(values, list(edges), right=False, labels=list(BANDS))


def conversion_grid(world, inbound_only=True, outcome="opportunity", rate=True) -> pd.DataFrame:
    """Lead-to-opportunity rate by fit band (rows) and engagement band (columns)."""
    leads = world.leads
    if inbound_only:
        leads = leads[leads.source_channel != "outbound"]
    hit = (leads.opportunity_id if outcome == "opportunity" else leads.mql_at).notna()
    grouped = hit.groupby([band(leads.fit_score, FIT_EDGES), band(leads.engagement_score, ENGAGEMENT_EDGES)], observed=False)
    grid = (grouped.mean() if rate else grouped.sum()).unstack()
    grid.index, grid.columns = pd.Index(BANDS), pd.Index(BANDS)
    return grid.astype(float)


def call_snippets(world) -> pd.DataFrame:
    """The call-note snippets q5 asks to tag, indexed by letter (A-J), without their tags.

    Each letter is the earliest note of its kind in this world: a discovery answer that
    evidences one MEDDPICC element, or a budget or timing objection.
    """
    notes = world.call_notes.sort_values("note_id")
    rows = []
    for letter, kind, what in SNIPPET_KINDS:
        if kind == "discovery":
            pick = notes[(notes.speaker == "rep") & (notes.framework_tags == _DISCOVERY_TAG[what])]
        else:
            pick = notes[(notes.speaker == "buyer") & (notes.objection_category == what)]
        if len(pick):
            rows.append({"letter": letter, "note_id": pick.note_id.iloc[0], "text": pick.text.iloc[0],
                         "framework_tags": pick.framework_tags.iloc[0]})
    return pd.DataFrame(rows, columns=["letter", "note_id", "text", "framework_tags"]).set_index("letter")


def snippet_tags(world) -> dict[str, str]:
    """The world's own framework tags of each snippet, by letter."""
    return call_snippets(world).framework_tags.to_dict()


def _open_deals(world) -> pd.DataFrame:
    deals = world.opportunities
    return deals[~deals.is_closed.fillna(False).astype(bool)]


def meddpicc_completeness(deals: pd.DataFrame) -> float:
    """Mean share of the eight MEDDPICC elements evidenced, over the given deals."""
    return float(deals[list(MEDDPICC_FLAGS)].astype(bool).sum(axis=1).mean() / len(MEDDPICC_FLAGS))


def late_without_buyer(deals: pd.DataFrame, strict=False) -> int:
    late = deals.probability > LATE_STAGE_PROBABILITY if strict else deals.probability >= LATE_STAGE_PROBABILITY
    return int((late & ~deals.has_economic_buyer.fillna(False).astype(bool)).sum())


# -- answer kinds this module needs ---------------------------------------------------

@dataclass(frozen=True)
class LeadScores:
    """A float score per lead, as a Series indexed by lead_id.

    The expected value carries each lead's decayed engagement so a whole-day age (a
    daily scoring job) is accepted: it moves engagement by at most 2.4%, while every
    real mistake (no decay, linear decay, the wrong clock, decayed fit) moves it more.
    """

    rel_tolerance: float = 0.024

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not pd.Series:
            return f"Your answer is {_type_name(answer)}, but the question asks for a pandas Series: one score per lead, indexed by lead_id."
        if not pd.api.types.is_numeric_dtype(answer.dtype) or pd.api.types.is_bool_dtype(answer.dtype):
            return "Your Series does not hold numbers: a score is a number of points."
        ids = world.leads.lead_id
        if not answer.index.isin(ids).all():
            return "The index of your Series is not lead ids: index the scores by lead_id (e.g. world.leads.set_index('lead_id'))."
        if answer.index.has_duplicates:
            return "Some leads appear twice in your Series: keep one score per lead (group the touchpoints by lead_id and sum)."
        if len(answer) != len(ids):
            return (f"Your Series scores {len(answer):,} leads, but the CRM has {len(ids):,}: leads without touchpoints "
                    "still have a fit score (their engagement is 0), so keep every lead.")
        if not np.isfinite(answer.to_numpy(dtype=float)).all():
            return "Some scores are missing (NaN): a lead with no touchpoints has 0 engagement points, not NaN (try .fillna(0))."
        return None

    def score(self, answer: Any, expected: pd.DataFrame) -> float:
        if type(answer) is not pd.Series or len(answer) != len(expected) or answer.index.has_duplicates:
            return 0.0
        if not pd.api.types.is_numeric_dtype(answer.dtype) or pd.api.types.is_bool_dtype(answer.dtype):
            return 0.0
        aligned = answer.reindex(expected.index).to_numpy(dtype=float)
        if not np.isfinite(aligned).all():
            return 0.0
        slack = self.rel_tolerance * expected.engagement.to_numpy(dtype=float) + 1e-6
        return float(np.all(np.abs(aligned - expected.score.to_numpy(dtype=float)) <= slack))


@dataclass(frozen=True)
class Grid:
    """A table of rates with given row and column labels; partial credit per row.

    A row counts when all its cells are right: by cell, the many structural zeros of a
    conversion grid would hand a wrong method (transposed, wrong outcome) half the points.
    """

    rows: tuple[str, ...] = BANDS
    columns: tuple[str, ...] = BANDS
    row_name: str = "fit band"
    column_name: str = "engagement band"
    tolerance: float = 1e-6

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not pd.DataFrame:
            return f"Your answer is {_type_name(answer)}, but the question asks for a DataFrame: {self.row_name}s as rows, {self.column_name}s as columns."
        rows, cols = [str(r) for r in answer.index], [str(c) for c in answer.columns]
        if set(rows) != set(self.rows) or set(cols) != set(self.columns):
            return (f"Your table's rows are {rows} and its columns {cols}: use the {self.row_name}s "
                    f"{list(self.rows)} as rows and the {self.column_name}s {list(self.columns)} as columns.")
        try:
            values = answer.to_numpy(dtype=float)
        except (TypeError, ValueError):
            return "Your table does not hold numbers: each cell is a conversion rate."
        if np.isnan(values).any():
            return "Some cells are empty (NaN): every band has leads, so every cell has a rate (did you use observed=False?)."
        if (values > 1).any():
            return "Some cells are above 1: a conversion rate is a share between 0 and 1, not a count or a percentage."
        if (values < 0).any():
            return "Some cells are negative: a conversion rate cannot be."
        return None

    def score(self, answer: Any, expected: pd.DataFrame) -> float:
        if type(answer) is not pd.DataFrame:
            return 0.0
        table = answer.copy()
        table.index, table.columns = [str(r) for r in table.index], [str(c) for c in table.columns]
        if table.index.has_duplicates or table.columns.has_duplicates:
            return 0.0
        right_rows = 0
        for r in self.rows:
            right_rows += all(self._cell_right(table, expected, r, c) for c in self.columns)
        return right_rows / len(self.rows)

    def _cell_right(self, table: pd.DataFrame, expected: pd.DataFrame, r: str, c: str) -> bool:
        try:
            value = float(table.at[r, c])
        except (KeyError, TypeError, ValueError):
            return False
        return math.isfinite(value) and abs(value - float(expected.at[r, c])) <= self.tolerance


def _tag_set(value: Any) -> frozenset[str] | None:
    if type(value) is not str:
        return None
    return frozenset(t.strip().lower() for t in value.split(";") if t.strip())


@dataclass(frozen=True)
class Tags:
    """A dict from snippet letter to ';'-separated framework tags; partial credit per snippet.

    Tag order and spaces do not matter; each snippet is right when its set of tags is.
    """

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not dict:
            return f"Your answer is {_type_name(answer)}, but the question asks for a dict like {{'A': 'bant.need', ...}}."
        letters = list(call_snippets(world).index)
        missing = [k for k in letters if k not in answer]
        if missing:
            return f"Your dict has no tags for {', '.join(missing)}: give tags for each snippet {', '.join(letters)}."
        not_text = [k for k in letters if type(answer[k]) is not str]
        if not_text:
            return f"The tags of {', '.join(not_text)} are not a text: write them as one string, e.g. 'bant.need;meddpicc.identified_pain'."
        unknown = sorted({t for k in letters for t in _tag_set(answer[k]) if t not in FRAMEWORK_TAGS})
        if unknown:
            return f"{', '.join(map(repr, unknown))} is not a tag of the course: use the names in FRAMEWORK_TAGS, e.g. 'bant.budget' or 'meddpicc.champion'."
        empty = [k for k in letters if not _tag_set(answer[k])]
        if empty:
            return f"Snippet {', '.join(empty)} has no tag: every snippet here evidences at least one element."
        return None

    def score(self, answer: Any, expected: dict) -> float:
        if type(answer) is not dict or not expected:
            return 0.0
        right = sum(1 for k, tags in expected.items() if _tag_set(answer.get(k)) == _tag_set(tags))
        return right / len(expected)


# -- mistakes that need a few lines ---------------------------------------------------

_REFERENCE_SCORES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def lead_scores_frame(world, decay="half_life", as_of=None, decay_fit=False) -> pd.DataFrame:
    """Scores and their engagement part, by lead_id; ``decay`` names a way to age points.

    The reference (half-life, to the reference date) is cached per world object: several
    exercises and the widget need it, and the notebook must run in seconds.
    """
    reference = decay == "half_life" and as_of is None and not decay_fit
    if reference and world in _REFERENCE_SCORES:
        return _REFERENCE_SCORES[world]
    frame = _lead_scores_frame(world, decay, as_of, decay_fit)
    if reference:
        try:
            _REFERENCE_SCORES[world] = frame
        except TypeError:  # a stand-in world that cannot be weakly referenced: no cache
            pass
    return frame


def _lead_scores_frame(world, decay, as_of, decay_fit) -> pd.DataFrame:
    leads = world.leads.set_index("lead_id")
    as_of = world.reference_date if as_of is None else as_of
    tp = world.touchpoints
    age_days = (as_of - tp.occurred_at).dt.total_seconds() / 86400
    points = tp.event_type.map(points_table(world))
    factor = {"half_life": 0.5 ** (age_days / HALF_LIFE_DAYS), "linear": (1 - age_days / HALF_LIFE_DAYS).clip(lower=0),
              "e_folding": np.exp(-age_days / HALF_LIFE_DAYS), "none": 1.0}[decay]
    engagement = (points * factor).groupby(tp.lead_id).sum().reindex(leads.index, fill_value=0.0)
    fit = leads.fit_score.astype(float)
    if decay_fit:
        fit = fit * 0.5 ** ((as_of - leads.created_at).dt.total_seconds() / 86400 / HALF_LIFE_DAYS)
    return pd.DataFrame({"score": fit + engagement, "engagement": engagement})


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


EXERCISES = [
    Exercise(
        MODULE, "q1", "scores",
        "Score every lead: fit (no decay) plus engagement points halved every 30 days of age, as of the world's reference date.",
        LeadScores(),
        compute=lambda w: lead_scores_frame(w),
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
                    "your engagement points do not decay: a pricing-page view from last year counts as much as one from yesterday. Multiply each touch's points by 0.5 ** (age_days / 30)."),
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
        Count(of="leads"),
        compute=lambda w: int((lead_scores(w)[_inbound(w)] >= MQL_BAR).sum()),
        hint_text=f"Keep the inbound leads (source_channel is not 'outbound') and count those whose score from q1 is at least {MQL_BAR} (>=).",
        solution_text=("inbound = world.leads.set_index('lead_id').source_channel != 'outbound'\n"
                       f"n_mql = int((scores[inbound] >= {MQL_BAR}).sum())"),
        mistakes=(
            Mistake("outbound_too", lambda w: int((lead_scores(w) >= MQL_BAR).sum()),
                    "you counted outbound leads too. SDRs source those themselves: they never pass through the MQL stage. Keep source_channel != 'outbound'."),
            Mistake("undecayed", lambda w: int(((w.leads.fit_score + w.leads.engagement_score) >= MQL_BAR)[(w.leads.source_channel != 'outbound').to_numpy()].sum()),
                    "you used the CRM's engagement_score, which never decays: use your decayed scores from q1."),
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
                    "that threshold maximises accuracy, not F1. With so few leads becoming opportunities, calling nobody an MQL is 'accurate': F1 balances precision and recall."),
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
                    "those are counts of leads that became opportunities; the question asks for rates: divide by the leads in each cell (.mean() of True/False)."),
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
        "Tag each call snippet A-J with the BANT and MEDDPICC elements it evidences.",
        Tags(),
        compute=snippet_tags,
        hint_text=("Ask of each snippet: what do we now know about the deal? Money is bant.budget, when is bant.timeline, "
                   "a named signer is both bant.authority and meddpicc.economic_buyer, a quantified problem is both bant.need and "
                   "meddpicc.identified_pain. Decision process = the steps to choose; paper process = the steps after choosing (legal, procurement)."),
        solution_text=("tags = {'A': 'bant.need;meddpicc.identified_pain', 'B': 'bant.budget', 'C': 'meddpicc.champion',\n"
                       "        'D': 'bant.authority;meddpicc.economic_buyer', 'E': 'meddpicc.decision_process', 'F': 'bant.timeline',\n"
                       "        'G': 'meddpicc.metrics', 'H': 'meddpicc.paper_process', 'I': 'meddpicc.competition',\n"
                       "        'J': 'meddpicc.decision_criteria'}"),
        points=2,
        mistakes=(
            Mistake("meddpicc_only", _tags_without(bant=True),
                    "some snippets evidence a BANT element as well as a MEDDPICC one: a named signer is authority too, a costed problem is need too. Budget and timing are BANT elements."),
            Mistake("process_swap", _tags_without(swap_process=True),
                    "decision process and paper process are swapped: the decision process is how they choose (shortlist, pilot, committee); the paper process is what happens after (legal, procurement, security review)."),
        ),
    ),
    Exercise(
        MODULE, "q6", "completeness",
        "Over open deals, what share of the eight MEDDPICC elements is evidenced on average?",
        Share(of="the eight elements"),
        compute=lambda w: meddpicc_completeness(_open_deals(w)),
        hint_text="Open deals have is_closed == False. Count the True has_* flags per deal (.sum(axis=1)), divide by 8, and take the mean.",
        solution_text=("flags = [c for c in world.opportunities.columns if c.startswith('has_')]\n"
                       "open_deals = world.opportunities[~world.opportunities.is_closed]\n"
                       "completeness = (open_deals[flags].sum(axis=1) / 8).mean()"),
        mistakes=(
            Mistake("all_deals", lambda w: meddpicc_completeness(w.opportunities),
                    "you included closed deals. Completeness is a check on the deals still in play: keep is_closed == False."),
            Mistake("not_won", lambda w: meddpicc_completeness(w.opportunities[~w.opportunities.is_won.fillna(False).astype(bool)]),
                    "'not won' also includes lost deals, which are closed. Open deals are the ones with is_closed == False."),
            Mistake("count_not_share", lambda w: meddpicc_completeness(_open_deals(w)) * len(MEDDPICC_FLAGS),
                    "that is the mean number of elements evidenced; the question asks for the share of the eight: divide by 8."),
        ),
    ),
    Exercise(
        MODULE, "q7", "late_no_eb",
        f"How many open deals at probability {LATE_STAGE_PROBABILITY} or more have no economic buyer identified?",
        Count(of="deals"),
        compute=lambda w: late_without_buyer(_open_deals(w)),
        hint_text=f"Keep open deals (is_closed == False) with probability >= {LATE_STAGE_PROBABILITY} and has_economic_buyer == False, then count them.",
        solution_text=("deals = world.opportunities\n"
                       f"late = (~deals.is_closed) & (deals.probability >= {LATE_STAGE_PROBABILITY})\n"
                       "late_no_eb = int((late & ~deals.has_economic_buyer).sum())"),
        mistakes=(
            Mistake("closed_too", lambda w: late_without_buyer(w.opportunities),
                    "closed-won deals have probability 100, so you counted deals that are already closed. Keep open deals (is_closed == False)."),
            Mistake("strictly_above", lambda w: late_without_buyer(_open_deals(w), strict=True),
                    f"'{LATE_STAGE_PROBABILITY} or more' includes the stage at exactly {LATE_STAGE_PROBABILITY} (identifying decision makers): use >=."),
            Mistake("with_buyer", lambda w: int(((_open_deals(w).probability >= LATE_STAGE_PROBABILITY) & _open_deals(w).has_economic_buyer).sum()),
                    "you counted the late deals that *do* have an economic buyer. The risk is the ones without: ~deals.has_economic_buyer."),
        ),
    ),
]
