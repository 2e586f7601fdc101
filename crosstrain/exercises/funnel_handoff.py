"""Module 03, the funnel and the handoff: cohort conversion, speed to lead, the SLA.

Every expected value is recomputed from the world the notebook loaded. The funnel
formulas are plain functions of the leads and opportunities tables so the tests can
check them on hand-made rows (domain brief: stage conversion = reached next stage /
entered stage, by cohort).

Two answer kinds this module needs and ``crosstrain.learn.answers`` lacks live here,
with the same protocol (``sanity(answer, world)``, ``score(answer, expected)``):
``RateTable`` (a rate per named part, e.g. per stage or per response-time bucket, with
partial credit per part) and ``RankedLabels`` (the top N labels in order, with ties
judged by their counts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from crosstrain.learn.answers import Label, Share
from crosstrain.learn.exercise import Exercise, Mistake

MODULE = "03-funnel-handoff"

# The mature cohort the lesson measures: leads created in the first half of 2025.
COHORT_START = pd.Timestamp("2025-01-01")
COHORT_END = pd.Timestamp("2025-07-01")  # exclusive

STAGES = ("lead", "mql", "sal", "sql", "opportunity", "won")
TRANSITIONS = tuple(f"{a}_to_{b}" for a, b in zip(STAGES, STAGES[1:]))
HANDOFF = ("mql_to_sal", "sal_to_sql", "sql_to_opportunity")  # the sales side of the waterfall
STAGE_COLUMNS = {"mql": "mql_at", "sal": "sal_at", "sql": "sql_at"}

# Speed to lead: hours from becoming an MQL to the first response.
BUCKETS = ("<5 min", "5-30 min", "30-60 min", "1-24 h", ">24 h", "never")
BUCKET_EDGES_HOURS = (0.0, 5 / 60, 0.5, 1.0, 24.0, math.inf)  # left-closed: exactly 5 min is "5-30 min"
SLA_HOURS = 4


# -- the formulas (pure functions of the tables) --------------------------------------

def inbound(leads: pd.DataFrame) -> pd.DataFrame:
    """Leads that came in through marketing; outbound leads skip the MQL stage."""
    return leads[leads.source_channel != "outbound"]


def in_cohort(leads: pd.DataFrame, start=COHORT_START, end=COHORT_END) -> pd.DataFrame:
    """The leads *created* in [start, end): a cohort follows these leads, wherever they got."""
    return leads[(leads.created_at >= start) & (leads.created_at < end)]


def won_flags(leads: pd.DataFrame, opportunities: pd.DataFrame) -> pd.Series:
    """True for each lead whose opportunity was won."""
    won = opportunities.set_index("opportunity_id").is_won.fillna(False).astype(bool)
    return leads.opportunity_id.map(won).fillna(False).astype(bool)


def stage_counts(leads: pd.DataFrame, opportunities: pd.DataFrame) -> dict[str, int]:
    """How many of these leads ever reached each stage."""
    counts = {"lead": len(leads)}
    counts.update({stage: int(leads[col].notna().sum()) for stage, col in STAGE_COLUMNS.items()})
    counts["opportunity"] = int(leads.opportunity_id.notna().sum())
    counts["won"] = int(won_flags(leads, opportunities).sum())
    return counts


def stage_conversion(counts: dict[str, int]) -> dict[str, float]:
    """Reached the next stage / entered this stage, for each step of the funnel."""
    return {f"{a}_to_{b}": (counts[b] / counts[a] if counts[a] else math.nan) for a, b in zip(STAGES, STAGES[1:])}


def cohort_conversion(world) -> dict[str, float]:
    """Stage-to-stage conversion of the inbound leads created in the cohort window."""
    return stage_conversion(stage_counts(in_cohort(inbound(world.leads)), world.opportunities))


def cohort_month(stamps: pd.Series) -> pd.Series:
    """The month of a timestamp as text, e.g. '2025-03'."""
    return stamps.dt.strftime("%Y-%m")


def won_share_by_cohort(leads: pd.DataFrame, opportunities: pd.DataFrame, denominator: str = "opportunities") -> dict[str, float]:
    """Per month of lead creation: won so far / the cohort's opportunities (or its leads)."""
    won = won_flags(leads, opportunities)
    base = leads.opportunity_id.notna() if denominator == "opportunities" else pd.Series(True, index=leads.index)
    month = cohort_month(leads.created_at)
    wins, entered = won.groupby(month).sum(), base.groupby(month).sum()
    return {str(m): (float(wins[m] / entered[m]) if entered[m] else math.nan) for m in sorted(entered.index)}


def cohort_months(world) -> tuple[str, ...]:
    """The months whose inbound leads have at least one opportunity (a rate to give)."""
    leads = inbound(world.leads)
    return tuple(sorted(cohort_month(leads.created_at[leads.opportunity_id.notna()]).unique()))


def leakiest(rates: dict[str, float], steps=HANDOFF) -> str:
    """The step with the lowest stage-to-stage conversion."""
    return min(steps, key=lambda step: rates[step])


def response_hours(mqls: pd.DataFrame, since: str = "mql_at") -> pd.Series:
    """Hours from ``since`` to the first response; NaN when nobody ever responded."""
    return (mqls.first_response_at - mqls[since]).dt.total_seconds() / 3600


def speed_bucket(hours: pd.Series) -> pd.Series:
    """The response-time bucket of each MQL; 'never' when it was never answered."""
    cut = pd.cut(hours, list(BUCKET_EDGES_HOURS), labels=list(BUCKETS[:-1]), right=False)
    return cut.astype(str).where(hours.notna(), "never")


def mqls(leads: pd.DataFrame) -> pd.DataFrame:
    return leads[leads.mql_at.notna()]


def qualification_by_response(leads: pd.DataFrame, since: str = "mql_at", among: str = "mql_at") -> dict[str, float]:
    """Share of MQLs that became SQLs, by how fast sales first responded."""
    rows = leads[leads[among].notna()]
    bucket = speed_bucket(response_hours(rows, since))
    rates = rows.sql_at.notna().groupby(bucket).mean()
    return {b: float(rates.get(b, math.nan)) for b in BUCKETS}


def sla_compliance(leads: pd.DataFrame, hours: float = SLA_HOURS, since: str = "mql_at") -> float:
    """Share of MQLs first touched within ``hours`` of becoming MQLs; never touched is a miss."""
    rows = mqls(leads)
    return float((response_hours(rows, since) <= hours).mean())


def ranked_reasons(leads: pd.DataFrame) -> list[list]:
    """[[reason, count], ...] most common first (ties by name)."""
    counts = leads.rejection_reason.dropna().value_counts()
    return sorted(([str(r), int(n)] for r, n in counts.items()), key=lambda rn: (-rn[1], rn[0]))


def rejected(leads: pd.DataFrame) -> pd.DataFrame:
    """MQLs sales rejected at the SAL step (recycled to nurture with a reason code)."""
    return leads[leads.status == "rejected"]


# -- answer kinds this module needs -----------------------------------------------------

def _as_dict(answer: Any) -> Any:
    if isinstance(answer, pd.Series):
        return {str(k): (v.item() if hasattr(v, "item") else v) for k, v in answer.items()}
    return answer


def _number(value: Any) -> bool:
    return type(value) in (int, float)


@dataclass(frozen=True)
class RateTable:
    """A rate between 0 and 1 for each named part; partial credit: the share of parts right.

    The parts are ``keys``, or those of the expected value when ``keys`` is empty (with
    ``keys_of(world)`` naming them for the sanity check). Takes a dict or a Series
    indexed by the part names. A part whose expected rate is
    undefined (an empty group, NaN) is right when the answer leaves it out or gives NaN.
    """

    keys: tuple[str, ...] = ()
    of: str = "part"
    tolerance: float = 1e-6
    keys_of: Callable[[Any], tuple[str, ...]] | None = None  # when the parts depend on the world

    def _keys(self, world) -> tuple[str, ...]:
        return tuple(self.keys_of(world)) if self.keys_of is not None and world is not None else self.keys

    def sanity(self, answer: Any, world) -> str | None:
        keys = self._keys(world)
        answer = _as_dict(answer)
        if type(answer) is not dict:
            return f"Your answer is a {type(answer).__name__}, but the question asks for a dict (or a Series) like {{'{keys[0]}': 0.5, ...}}."
        missing = [k for k in keys if k not in answer]
        if len(missing) > 3:
            return f"Your answer has no rate for {len(missing)} of the {len(keys)} {self.of}s, e.g. {missing[0]!r}: give one for each (a {self.of} with nothing to divide by may be left out)."
        if missing:
            return f"Your answer has no rate for the {self.of} {', '.join(map(repr, missing))}: give one for each of {', '.join(map(repr, keys))}."
        for key in keys:
            value = answer[key]
            if not _number(value):
                return f"The rate for {key!r} is not a number: each rate is a share between 0 and 1."
            if math.isfinite(value) and (value < 0 or value > 1):
                return f"The rate for {key!r} is {value:.4g}, but a rate is a share between 0 and 1: did you multiply by 100, or divide by the wrong count?"
        return None

    def score(self, answer: Any, expected: dict) -> float:
        answer = _as_dict(answer)
        if type(answer) is not dict:
            return 0.0
        keys = self.keys or tuple(expected)
        right = 0
        for key in keys:
            want, got = expected[key], answer.get(key)
            if isinstance(want, float) and math.isnan(want):
                right += got is None or (type(got) is float and math.isnan(got))
            elif _number(got) and math.isfinite(got) and abs(got - want) <= self.tolerance:
                right += 1
        return right / len(keys)


@dataclass(frozen=True)
class RankedLabels:
    """The top ``n`` labels, most common first; partial credit per position.

    ``expected`` is the full ranking ``[[label, count], ...]``; a position is right when
    the answer's label there has that position's count, so ties are either way right.
    """

    n: int
    of: str = "label"

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) not in (list, tuple):
            return f"Your answer is a {type(answer).__name__}, but the question asks for a list of {self.n} {self.of} names, e.g. .index[:{self.n}].tolist()."
        if len(answer) != self.n:
            return f"Your list has {len(answer)} items: give exactly {self.n} {self.of} names, most common first."
        if any(type(a) is not str for a in answer):
            return f"Each item should be a {self.of} name (a text), copied exactly as the data spells it."
        if len(set(answer)) != len(answer):
            return "Your list names a reason twice: each position should be a different one."
        return None

    def score(self, answer: Any, expected: list) -> float:
        if type(answer) not in (list, tuple) or len(answer) != self.n or len(set(answer)) != self.n:
            return 0.0
        counts = {label: count for label, count in expected}
        wanted = [count for _, count in expected[: self.n]]
        right = sum(1 for label, count in zip(answer, wanted) if type(label) is str and counts.get(label) == count)
        return right / self.n


# -- known mistakes, as computations on the world -----------------------------------------

def _share_of_all_leads(world) -> dict[str, float]:
    counts = stage_counts(in_cohort(inbound(world.leads)), world.opportunities)
    return {f"{a}_to_{b}": counts[b] / counts["lead"] for a, b in zip(STAGES, STAGES[1:])}


def _with_outbound(world) -> dict[str, float]:
    return stage_conversion(stage_counts(in_cohort(world.leads), world.opportunities))


def _all_time(world) -> dict[str, float]:
    return stage_conversion(stage_counts(inbound(world.leads), world.opportunities))


def _activity_in_period(world) -> dict[str, float]:
    """Counting what happened in the window (MQLs dated in it, deals won in it...), not the cohort."""
    leads, deals = inbound(world.leads), world.opportunities

    def dated(stamps):
        return int(((stamps >= COHORT_START) & (stamps < COHORT_END)).sum())

    inbound_deals = deals[deals.lead_id.isin(leads.lead_id)]
    counts = {"lead": dated(leads.created_at), "mql": dated(leads.mql_at), "sal": dated(leads.sal_at),
              "sql": dated(leads.sql_at), "opportunity": dated(inbound_deals.created_at),
              "won": dated(inbound_deals.close_date.where(inbound_deals.is_won.fillna(False).astype(bool)))}
    return stage_conversion(counts)


def _won_by_close_month(world) -> dict[str, float]:
    """Deals won in a month / opportunities created in that month: two different groups of deals."""
    leads, deals = inbound(world.leads), world.opportunities
    deals = deals[deals.lead_id.isin(leads.lead_id)]
    won = deals[deals.is_won.fillna(False).astype(bool)]
    wins, opened = cohort_month(won.close_date).value_counts(), cohort_month(deals.created_at).value_counts()
    months = sorted(cohort_month(leads.created_at).unique())
    return {m: (float(wins.get(m, 0) / opened[m]) if opened.get(m, 0) else math.nan) for m in months}


def _most_lost(world) -> str:
    counts = stage_counts(in_cohort(inbound(world.leads)), world.opportunities)
    return max(HANDOFF, key=lambda step: counts[step.split("_to_")[0]] - counts[step.split("_to_")[1]])


def _reason_choices(world) -> list[str]:
    return sorted(world.leads.rejection_reason.dropna().unique().tolist())


EXERCISES = [
    Exercise(
        MODULE, "q1", "cohort_rates",
        "For the inbound leads created in the first half of 2025, what is each stage-to-stage conversion rate from lead to won?",
        RateTable(keys=TRANSITIONS, of="step"),
        compute=cohort_conversion,
        hint_text=("Keep the inbound leads (source_channel != 'outbound') created from 2025-01-01 up to 2025-07-01. "
                   "Count how many reached each stage (mql_at, sal_at, sql_at not empty; an opportunity_id; a won opportunity), "
                   "then divide each count by the count of the stage before it, not by all leads."),
        solution_text=("cohort = world.leads[(world.leads.source_channel != 'outbound')\n"
                       "                    & (world.leads.created_at >= '2025-01-01') & (world.leads.created_at < '2025-07-01')]\n"
                       "won_ids = world.opportunities.loc[world.opportunities.is_won, 'opportunity_id']\n"
                       "n = {'lead': len(cohort), 'mql': cohort.mql_at.notna().sum(), 'sal': cohort.sal_at.notna().sum(),\n"
                       "     'sql': cohort.sql_at.notna().sum(), 'opportunity': cohort.opportunity_id.notna().sum(),\n"
                       "     'won': cohort.opportunity_id.isin(won_ids).sum()}\n"
                       "stages = list(n)\n"
                       "cohort_rates = {f'{a}_to_{b}': n[b] / n[a] for a, b in zip(stages, stages[1:])}"),
        points=5,
        mistakes=(
            Mistake("share_of_all_leads", _share_of_all_leads,
                    "you divided every stage by all the cohort's leads (e.g. SQLs / leads). Stage conversion divides by the leads that entered the stage before: SQLs / SALs, SALs / MQLs..."),
            Mistake("with_outbound", _with_outbound,
                    "your cohort includes outbound leads. They skip the MQL stage, so they inflate MQL-to-SAL: keep source_channel != 'outbound'."),
            Mistake("all_time", _all_time,
                    "you used every inbound lead, not the cohort created in the first half of 2025. Recent leads have not had time to convert, which drags the later rates down."),
            Mistake("not_by_cohort", _activity_in_period,
                    "you counted what happened in the window (MQLs dated in it, deals won in it). A cohort follows the leads *created* in the window to whatever stage they reached, whenever."),
        ),
    ),
    Exercise(
        MODULE, "q2", "won_share_by_month",
        "For each monthly cohort of inbound leads, what share of the cohort's opportunities has been won so far?",
        RateTable(of="month", keys_of=cohort_months),
        compute=lambda w: won_share_by_cohort(inbound(w.leads), w.opportunities),
        hint_text=("Give each inbound lead the month it was created: created_at.dt.strftime('%Y-%m'). Flag the leads whose "
                   "opportunity was won (opportunity_id.isin(won_ids)) and the leads that have an opportunity at all "
                   "(opportunity_id.notna()); per month, divide the sum of the first by the sum of the second."),
        solution_text=("inbound = world.leads[world.leads.source_channel != 'outbound']\n"
                       "won_ids = world.opportunities.opportunity_id[world.opportunities.is_won]\n"
                       "month = inbound.created_at.dt.strftime('%Y-%m')\n"
                       "wins = inbound.opportunity_id.isin(won_ids).groupby(month).sum()\n"
                       "opportunities = inbound.opportunity_id.notna().groupby(month).sum()\n"
                       "won_share_by_month = wins / opportunities"),
        points=3,
        mistakes=(
            Mistake("share_of_leads", lambda w: won_share_by_cohort(inbound(w.leads), w.opportunities, denominator="leads"),
                    "you divided by all the month's leads, which gives lead-to-won. The question asks for the share of the cohort's opportunities: divide by the leads that have an opportunity_id."),
            Mistake("by_close_month", _won_by_close_month,
                    "you counted the deals won in each month against the deals opened in that month: two different groups of deals. A cohort follows the same leads: group by the month the lead was created."),
        ),
    ),
    Exercise(
        MODULE, "q3", "leakiest_step",
        "In that cohort, which sales-side handoff step (mql_to_sal, sal_to_sql or sql_to_opportunity) has the lowest conversion?",
        Label(of="handoff step (mql_to_sal, sal_to_sql or sql_to_opportunity)", choices=lambda w: list(HANDOFF)),
        compute=lambda w: leakiest(cohort_conversion(w)),
        hint_text="Compare the three rates of your cohort_rates for the steps mql_to_sal, sal_to_sql and sql_to_opportunity; the leakiest is the one with the smallest rate (min with key=...).",
        solution_text="steps = ['mql_to_sal', 'sal_to_sql', 'sql_to_opportunity']\nleakiest_step = min(steps, key=lambda s: cohort_rates[s])",
        points=2,
        mistakes=(
            Mistake("most_leads_lost", _most_lost,
                    "that step loses the most leads in number, because more leads enter it. Leakiest means the lowest share of entrants that make it through: compare the rates."),
            Mistake("share_of_all_leads", lambda w: leakiest(_share_of_all_leads(w)),
                    "shares of *all* leads only ever shrink down the funnel, so the last step always looks worst. Compare stage-to-stage rates (next stage / this stage)."),
        ),
    ),
    Exercise(
        MODULE, "q4", "sql_rate_by_response",
        "What share of MQLs became SQLs, by how fast sales first responded (<5 min, 5-30 min, 30-60 min, 1-24 h, >24 h, never)?",
        RateTable(keys=BUCKETS, of="bucket"),
        compute=lambda w: qualification_by_response(w.leads),
        hint_text=("Keep the MQLs (mql_at not empty). Hours to first response = (first_response_at - mql_at).dt.total_seconds() / 3600. "
                   "Cut them with pd.cut(hours, bins, labels=labels, right=False), label the empty ones 'never' "
                   "(.astype(str).where(hours.notna(), 'never')), then average sql_at.notna() by bucket."),
        solution_text=("bins = [0, 5 / 60, 0.5, 1, 24, float('inf')]\n"
                       "labels = ['<5 min', '5-30 min', '30-60 min', '1-24 h', '>24 h']\n"
                       "mql = world.leads[world.leads.mql_at.notna()]\n"
                       "hours = (mql.first_response_at - mql.mql_at).dt.total_seconds() / 3600\n"
                       "bucket = pd.cut(hours, bins, labels=labels, right=False).astype(str).where(hours.notna(), 'never')\n"
                       "sql_rate_by_response = mql.sql_at.notna().groupby(bucket).mean()"),
        points=6,
        mistakes=(
            Mistake("from_created", lambda w: qualification_by_response(w.leads, since="created_at"),
                    "you timed the response from created_at. Sales can only respond once the lead is handed over: time it from mql_at."),
            Mistake("among_accepted", lambda w: qualification_by_response(w.leads, among="sal_at"),
                    "you divided by the accepted leads (SALs). The question asks for the share of all MQLs, rejected ones included: a slow answer also loses leads at acceptance."),
        ),
    ),
    Exercise(
        MODULE, "q5", "sla_share",
        f"What share of MQLs got a first response within {SLA_HOURS} hours of becoming an MQL (never answered counts as a miss)?",
        Share(of="the number of MQLs"),
        compute=lambda w: sla_compliance(w.leads),
        hint_text=("Keep the MQLs (mql_at not empty) and compare first_response_at - mql_at with pd.Timedelta(hours=4). "
                   "An MQL never answered has an empty first_response_at: the comparison gives False, a miss, which is what the SLA wants; do not drop those rows."),
        solution_text=("mql = world.leads[world.leads.mql_at.notna()]\n"
                       "sla_share = ((mql.first_response_at - mql.mql_at) <= pd.Timedelta(hours=4)).mean()"),
        points=2,
        mistakes=(
            Mistake("touched_only", lambda w: float((response_hours(mqls(w.leads)).dropna() <= SLA_HOURS).mean()),
                    "you left out the MQLs nobody ever answered. They are the worst breach of the SLA: keep them in the denominator as misses."),
            Mistake("from_created", lambda w: sla_compliance(w.leads, since="created_at"),
                    "you measured from created_at. The SLA clock starts when the lead becomes an MQL and is handed over: use mql_at."),
            Mistake("all_leads", lambda w: float(((w.leads.first_response_at - w.leads.mql_at) <= pd.Timedelta(hours=SLA_HOURS)).mean()),
                    "you divided by all leads. The SLA covers MQLs only: keep the leads with an mql_at."),
        ),
    ),
    Exercise(
        MODULE, "q6", "top_reasons",
        "What are the three most common reasons sales gave for rejecting MQLs, most common first?",
        RankedLabels(n=3, of="reason"),
        compute=lambda w: ranked_reasons(rejected(w.leads)),
        hint_text="Rejected MQLs have status == 'rejected'. Count their rejection_reason with value_counts() (largest first) and take the first three labels: .index[:3].tolist().",
        solution_text="rejected = world.leads[world.leads.status == 'rejected']\ntop_reasons = rejected.rejection_reason.value_counts().index[:3].tolist()",
        points=3,
        mistakes=(
            Mistake("with_disqualified", lambda w: ranked_reasons(w.leads),
                    "you counted every lead with a reason, including leads sales accepted and later disqualified (no budget, unresponsive...). Rejection happens at acceptance: keep status == 'rejected'."),
            Mistake("least_common", lambda w: [list(rn) for rn in sorted(ranked_reasons(rejected(w.leads)), key=lambda rn: (rn[1], rn[0]))],
                    "those are the least common reasons: sort from largest to smallest (value_counts() already does)."),
        ),
    ),
]
