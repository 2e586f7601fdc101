"""Module 08, the alignment capstone: a reverse-funnel plan, the gap against it, a
data-hygiene pass on the raw CRM, and an SLA scorecard both teams sign up to.

Every expected value is recomputed from the world the notebook loaded. The hygiene
exercises need the *raw* variant of that same world: ``raw_variant(world)`` gives it
(generating it next to the clean world on first use), and the notebook and the grader
both reach it through that one function, so a learner on seed 7 is graded on seed 7's
raw CRM. The plan's inputs and goal are the lesson's (``lesson``: module 03's cohort rates,
the win rate, average deal and cost per lead, to three significant figures as a plan states
them); the funnel formulas are reused from modules 02 and 03, and the new ones are pure
functions tested on hand-made rows.

Answer kinds: ``ByLabel``, ``Parts``, ``Relabel`` (a dict from raw spellings to canonical
labels) and the scalars from ``crosstrain.notebook.answers``; ``StageName`` in ``kinds``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import pandas as pd

from crosstrain.notebook.exercises.alignment.lesson import (  # noqa: F401 (the table's, widget's and tests' names)
    GOAL_GROWTH,
    SLA_HOURS,
    monthly_scorecard,
    plan_inputs,
    revenue_goal,
)
from crosstrain.notebook.exercises.alignment.raw import raw_variant
from crosstrain.notebook.exercises.funnel_handoff.formulas import inbound, sla_compliance
from crosstrain.notebook.exercises.measuring.formulas import cost_by_channel, last_complete_quarter, leads_by_channel
from crosstrain.world.schema import DEAL_STAGES, new_business

MODULE = "08-alignment"
PLAN_STAGES = ("deals", "opportunities", "sqls", "sals", "mqls", "leads")  # from the goal back up the funnel
PLAN_KEYS = PLAN_STAGES + ("budget",)
GAP_STAGES = PLAN_STAGES[::-1]  # top of the funnel first, as a dashboard shows it
NO_GAP = "none"  # q3's answer when every stage is at or above plan
FAULTS = ("duplicate_leads", "misspelt_values", "open_deals_past_close", "probability_mismatch", "closed_before_created")
CATEGORY_COLUMNS = ("source_channel", "industry", "country")


# -- the reverse funnel (domain brief: rates by cohort, win rate = won / (won + lost)) ----

def deals_of(leads: pd.DataFrame, opportunities: pd.DataFrame) -> pd.DataFrame:
    """The opportunities these leads became: new business, what the plan counts (an
    expansion deal has no lead, so the filter on type only says so out loud)."""
    deals = new_business(opportunities)
    return deals[deals.opportunity_id.isin(leads.opportunity_id.dropna())]


def blended_cpl(campaigns: pd.DataFrame, leads: pd.DataFrame) -> float:
    """Cost per lead over every paid-for channel: total actual cost / their leads (module 02's CPL)."""
    cost = cost_by_channel(campaigns)
    return float(cost.sum() / leads_by_channel(leads).reindex(cost.index, fill_value=0).sum())


def reverse_funnel(goal: float, inputs: dict[str, float]) -> dict[str, float]:
    """From a revenue goal back up the funnel, dividing by each observed rate.

    deals = goal / average won deal; opportunities = deals / win rate; then each stage
    is the next one divided by the rate that leads into it; budget = leads x cost per lead.
    Not rounded: a plan of 53.4 deals means "54 to be safe", and rounding is the reader's.
    """
    deals = goal / inputs["average_deal"]
    opportunities = deals / inputs["win_rate"]
    sqls = opportunities / inputs["sql_to_opportunity"]
    sals = sqls / inputs["sal_to_sql"]
    mqls = sals / inputs["mql_to_sal"]
    leads = mqls / inputs["lead_to_mql"]
    return {"deals": deals, "opportunities": opportunities, "sqls": sqls, "sals": sals, "mqls": mqls,
            "leads": leads, "budget": leads * inputs["cost_per_lead"]}


@lru_cache(maxsize=8)
def plan(world) -> dict[str, float]:
    """The plan for the world's goal at its observed rates (cached: several exercises use it)."""
    return reverse_funnel(revenue_goal(world), plan_inputs(world))


# -- the gap: what last quarter delivered against what the plan needs ---------------------

def observed_volumes(leads: pd.DataFrame, opportunities: pd.DataFrame, quarter: pd.Period) -> dict[str, int]:
    """How many times each stage happened in ``quarter`` (by the date of the event).

    A plan is a flow per quarter, so volumes count events in the quarter: leads created,
    MQLs, SALs and SQLs reached, opportunities created and deals won (close date) in it.
    """
    def dated(stamps: pd.Series) -> int:
        return int((stamps.dt.to_period("Q") == quarter).sum())

    deals = deals_of(leads, opportunities)
    won = deals[deals.is_won.fillna(False).astype(bool)]
    return {"leads": dated(leads.created_at), "mqls": dated(leads.mql_at), "sals": dated(leads.sal_at),
            "sqls": dated(leads.sql_at), "opportunities": dated(deals.created_at), "deals": dated(won.close_date)}


def coverage_of_plan(observed: dict[str, float], needed: dict[str, float]) -> dict[str, float]:
    """observed / needed per stage: 1 is on plan, 0.8 is 20% short."""
    return {stage: observed[stage] / needed[stage] for stage in GAP_STAGES}


def step_ratios(ratios: dict[str, float]) -> dict[str, float]:
    """Each stage's ratio over the ratio of the stage above it (leads over the plan itself, 1).

    It is the rate observed into the stage over the plan's rate (for leads, their volume over
    the plan's): below 1 where the plan's rate did not hold, so the ratio drops there.
    """
    steps, before = {}, 1.0
    for stage in GAP_STAGES:
        steps[stage] = ratios[stage] / before
        before = ratios[stage]
    return steps


def largest_gap(ratios: dict[str, float]) -> str:
    """Where the fix belongs: the stage where the ratio drops most (the smallest step ratio),
    or ``NO_GAP`` when no stage is below plan."""
    if min(ratios[stage] for stage in GAP_STAGES) >= 1:
        return NO_GAP
    steps = step_ratios(ratios)
    return min(GAP_STAGES, key=steps.get)


def smallest_ratio(ratios: dict[str, float]) -> str:
    """The stage with the smallest observed / needed ratio: what a gap inherited from above looks like."""
    return min(GAP_STAGES, key=lambda stage: ratios[stage])


def last_quarter_vs_plan(world, leads_of=inbound, quarter=None) -> dict[str, float]:
    quarter = last_complete_quarter(world.reference_date) if quarter is None else quarter
    return coverage_of_plan(observed_volumes(leads_of(world.leads), world.opportunities, quarter), plan(world))


# -- hygiene: the faults of the raw CRM ---------------------------------------------------

def normalise_email(emails: pd.Series) -> pd.Series:
    """The person behind an address: spaces around it and capitals do not make a new one."""
    return emails.str.strip().str.lower()


def canonical_values(raw) -> dict[str, set[str]]:
    """The labels each category column should hold, from tables nobody types by hand:
    campaign channels plus outbound, and the accounts' industries and countries."""
    return {"source_channel": set(raw.campaigns.channel) | {"outbound"},
            "industry": set(raw.accounts.industry), "country": set(raw.accounts.country)}


def fault_counts(raw, normalise: Callable[[pd.Series], pd.Series] = normalise_email) -> dict[str, int]:
    """How many of each fault the raw CRM holds."""
    leads, deals, today = raw.leads, raw.opportunities, raw.reference_date
    canon = canonical_values(raw)
    closed = deals.is_closed.fillna(False).astype(bool)
    return {
        "duplicate_leads": int(normalise(leads.email).duplicated().sum()),
        "misspelt_values": int(sum((~leads[col].isin(canon[col])).sum() for col in CATEGORY_COLUMNS)),
        "open_deals_past_close": int((~closed & (deals.close_date < today)).sum()),
        "probability_mismatch": int((deals.probability != deals.stage.map(DEAL_STAGES)).sum()),
        "closed_before_created": int((closed & (deals.close_date < deals.created_at)).sum()),
    }


def true_channels(raw, clean) -> dict[str, str]:
    """What each raw ``source_channel`` spelling stood for: the clean channel of the same
    person (matched on the normalised e-mail), the most common one if several."""
    canon = canonical_values(raw)["source_channel"]
    odd = raw.leads[~raw.leads.source_channel.isin(canon)]
    person = clean.leads.set_index(normalise_email(clean.leads.email)).source_channel
    pairs = pd.DataFrame({"raw": odd.source_channel, "true": normalise_email(odd.email).map(person)}).dropna()
    found = {str(k): str(v.value_counts().index[0]) for k, v in pairs.groupby("raw")["true"]}
    return {**{c: c for c in canon}, **found}


def misspelt_channels(raw) -> tuple[str, ...]:
    """The spellings of ``source_channel`` in the raw CRM that are not canonical channels."""
    canon = canonical_values(raw)["source_channel"]
    return tuple(sorted(v for v in raw.leads.source_channel.dropna().unique() if v not in canon))


@lru_cache(maxsize=8)
def channel_mapping(world) -> dict[str, str]:
    raw = raw_variant(world)
    truth = true_channels(raw, world)
    return {spelling: truth[spelling] for spelling in misspelt_channels(raw)}


def first_per_person(leads: pd.DataFrame, normalise: Callable[[pd.Series], pd.Series] = normalise_email) -> pd.DataFrame:
    """One row per person: the earliest-created record of each normalised e-mail."""
    ordered = leads.sort_values(["created_at", "lead_id"])
    return ordered[~normalise(ordered.email).duplicated()]


def clean_channel_counts(raw, mapping: dict[str, str], normalise=normalise_email, dedupe_first: bool = True) -> dict[str, int]:
    """Leads per canonical channel after de-duplication and the channel mapping."""
    leads = first_per_person(raw.leads, normalise) if dedupe_first else raw.leads
    channel = leads.source_channel.replace(mapping)
    return {str(k): int(v) for k, v in channel.value_counts().sort_index().items()}


def duplicates_by_channel(raw, mapping: dict[str, str], normalise=normalise_email, keep: str | bool = "first") -> dict[str, int]:
    """Rows that de-duplication drops, per canonical channel: every record of a person after
    their earliest (``keep=False``: every record of a person entered more than once)."""
    ordered = raw.leads.sort_values(["created_at", "lead_id"])
    dropped = ordered[normalise(ordered.email).duplicated(keep=keep)]
    channel = dropped.source_channel.replace(mapping)
    return {str(k): int(v) for k, v in channel.value_counts().sort_index().items()}


# -- the SLA scorecard --------------------------------------------------------------------

def quarter_mqls(leads: pd.DataFrame, quarter: pd.Period) -> pd.DataFrame:
    """The MQLs handed to sales in ``quarter`` (by ``mql_at``)."""
    return leads[leads.mql_at.dt.to_period("Q") == quarter]


def acceptance_rate(mqls: pd.DataFrame) -> float:
    """accepted / (accepted + rejected): of the MQLs sales decided on, the share it accepted.
    MQLs nobody answered are sales' miss, not marketing's: they count against the SLA."""
    accepted = int(mqls.sal_at.notna().sum())
    decided = accepted + int((mqls.status == "rejected").sum())
    return accepted / decided if decided else math.nan


def attempts_per_mql(mqls: pd.DataFrame, activities: pd.DataFrame) -> float:
    """SDR calls, e-mails and meetings on these MQLs / the number of MQLs (untouched ones count as 0)."""
    return float(activities.lead_id.isin(mqls.lead_id).sum() / len(mqls)) if len(mqls) else math.nan


def scorecard(world) -> dict[str, float]:
    quarter = last_complete_quarter(world.reference_date)
    mqls = quarter_mqls(world.leads, quarter)
    return {"mql_vs_plan": len(mqls) / plan(world)["mqls"], "acceptance_rate": acceptance_rate(mqls),
            "sla_4h": sla_compliance(mqls, SLA_HOURS), "attempts_per_mql": attempts_per_mql(mqls, world.activities)}
