"""Module 04, lead scoring and qualification: decayed scores, MQL thresholds, frameworks.

Every expected value is recomputed from the world the notebook loaded. The answer kinds
only this module needs (a Series of scores per lead, a fit x engagement grid, a dict
of framework tags) are in ``kinds``.
"""

from __future__ import annotations

import weakref

import numpy as np
import pandas as pd

from crosstrain.notebook.exercises.lead_scoring.lesson import FRAMEWORK_TAGS, SNIPPET_KINDS  # noqa: F401 (the kinds' name)
from crosstrain.notebook.exercises.lead_scoring.lesson import call_snippets as _untagged_snippets
from crosstrain.world.schema import MEDDPICC_FLAGS

MODULE = "04-lead-scoring"
HALF_LIFE_DAYS = 30
MQL_BAR = 70  # the threshold q2 asks about
THRESHOLDS = range(0, 201)  # the whole-number thresholds q3 tries
BANDS = ("low", "medium", "high")
FIT_EDGES = (0, 40, 60, 101)  # low < 40 <= medium < 60 <= high
ENGAGEMENT_EDGES = (0, 10, 30, 101)  # low < 10 <= medium < 30 <= high
# Late stages: past Id. Decision Makers (60), where the economic buyer should be known by now.
LATE_STAGE_PROBABILITY = 70
DECISION_MAKERS_PROBABILITY = 60

SNIPPET_LETTERS = tuple(letter for letter, _, _ in SNIPPET_KINDS)
# CHAMP is BANT reordered to start from the buyer's problem: each of its elements is
# evidenced where the BANT element it renames is.
CHAMP_AS_BANT = {"challenges": "bant.need", "authority": "bant.authority", "money": "bant.budget", "prioritization": "bant.timeline"}

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
    """The snippets q5 shows (``lesson.call_snippets``) with the world's own framework tags."""
    snippets = _untagged_snippets(world)
    tags = world.call_notes.set_index("note_id").framework_tags
    return snippets.assign(framework_tags=snippets.note_id.map(tags))


def snippet_tags(world) -> dict[str, str]:
    """The world's own framework tags of each snippet, by letter."""
    return call_snippets(world).framework_tags.to_dict()


def champ_snippets(world) -> dict[str, str | None]:
    """The snippet evidencing each CHAMP element: the one carrying the BANT tag it renames."""
    tags = snippet_tags(world)
    return {element: next((letter for letter, t in tags.items() if bant in t.split(";")), None)
            for element, bant in CHAMP_AS_BANT.items()}


def _open_deals(world) -> pd.DataFrame:
    """Open new-business deals: MEDDPICC qualifies an AE's deal; expansion deals are module 09's."""
    deals = world.opportunities
    return deals[~deals.is_closed.fillna(False).astype(bool) & (deals.type == "new_business")]


def meddpicc_completeness(deals: pd.DataFrame) -> float:
    """Mean share of the eight MEDDPICC elements evidenced, over the given deals."""
    return float(deals[list(MEDDPICC_FLAGS)].astype(bool).sum(axis=1).mean() / len(MEDDPICC_FLAGS))


def late_without_buyer(deals: pd.DataFrame, from_probability: int = LATE_STAGE_PROBABILITY) -> int:
    """Deals at ``from_probability`` or more with no economic buyer identified."""
    late = deals.probability >= from_probability
    return int((late & ~deals.has_economic_buyer.fillna(False).astype(bool)).sum())


_REFERENCE_SCORES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def lead_scores_frame(world, decay="half_life", as_of=None, decay_fit=False, whole_days=False) -> pd.DataFrame:
    """Scores and their engagement part, by lead_id; ``decay`` names a way to age points,
    ``whole_days`` ages them in whole days (``.dt.days``, as a daily scoring job would).

    The reference (half-life, to the reference date) is cached per world object: several
    exercises and the widget need it, and the notebook must run in seconds.
    """
    reference = decay == "half_life" and as_of is None and not decay_fit and not whole_days
    if reference and world in _REFERENCE_SCORES:
        return _REFERENCE_SCORES[world]
    frame = _lead_scores_frame(world, decay, as_of, decay_fit, whole_days)
    if reference:
        try:
            _REFERENCE_SCORES[world] = frame
        except TypeError:  # a stand-in world that cannot be weakly referenced: no cache
            pass
    return frame


def _lead_scores_frame(world, decay, as_of, decay_fit, whole_days=False) -> pd.DataFrame:
    leads = world.leads.set_index("lead_id")
    as_of = world.reference_date if as_of is None else as_of
    tp = world.touchpoints
    age_days = (as_of - tp.occurred_at).dt.total_seconds() / 86400
    if whole_days:
        age_days = np.floor(age_days)
    points = tp.event_type.map(points_table(world))
    factor = {"half_life": 0.5 ** (age_days / HALF_LIFE_DAYS), "linear": (1 - age_days / HALF_LIFE_DAYS).clip(lower=0),
              "e_folding": np.exp(-age_days / HALF_LIFE_DAYS), "none": 1.0}[decay]
    engagement = (points * factor).groupby(tp.lead_id).sum().reindex(leads.index, fill_value=0.0)
    fit = leads.fit_score.astype(float)
    if decay_fit:
        fit = fit * 0.5 ** ((as_of - leads.created_at).dt.total_seconds() / 86400 / HALF_LIFE_DAYS)
    return pd.DataFrame({"score": fit + engagement, "engagement": engagement})
