"""Module 03, the funnel and the handoff: cohort conversion, speed to lead, the SLA.

Every expected value is recomputed from the world the notebook loaded. The funnel
formulas are plain functions of the leads and opportunities tables so the tests can
check them on hand-made rows (domain brief: stage conversion = reached next stage /
entered stage, by cohort).

Its answer kinds ``RateTable`` (a rate per stage or bucket) and ``RankedLabels`` (the
top N labels in order) are in ``crosstrain.notebook.answers.rates``.
"""

from __future__ import annotations

import math

import pandas as pd

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


def speed_bucket(hours: pd.Series, right: bool = False) -> pd.Series:
    """The response-time bucket of each MQL; 'never' when it was never answered.

    Buckets include their lower edge ("<5 min" is under 5 minutes, so exactly 5 is
    "5-30 min"); ``right=True`` is pandas' default the lesson warns against."""
    cut = pd.cut(hours, list(BUCKET_EDGES_HOURS), labels=list(BUCKETS[:-1]), right=right)
    return cut.astype(str).where(hours.notna(), "never")


def mqls(leads: pd.DataFrame) -> pd.DataFrame:
    return leads[leads.mql_at.notna()]


def qualification_by_response(leads: pd.DataFrame, since: str = "mql_at", among: str = "mql_at",
                              right: bool = False) -> dict[str, float]:
    """Share of MQLs that became SQLs, by how fast sales first responded."""
    rows = leads[leads[among].notna()]
    bucket = speed_bucket(response_hours(rows, since), right)
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
