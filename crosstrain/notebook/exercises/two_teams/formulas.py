"""Module 01, two teams: who does what, who owns each stage, and which segment is the ICP.

The concept maps (activities, metrics, CRM events) come from the domain brief and the
world's schema; every number is recomputed from the world the notebook loaded.
Its answer kind, ``ByKey`` (one value per team or segment), is in ``crosstrain.notebook.answers``.
"""

from __future__ import annotations

import pandas as pd

from crosstrain.world.schema import new_business as new_business_deals

MODULE = "01-two-teams"
TEAMS = ("marketing", "sdr", "ae", "csm")

# What each team does (domain brief, "The two teams").
ACTIVITY_TEAM = {
    "market_research": "marketing",
    "positioning": "marketing",
    "branding_and_advertising": "marketing",
    "lead_generation_and_nurturing": "marketing",
    "prospecting": "sales",
    "building_rapport": "sales",
    "presenting_and_handling_objections": "sales",
    "closing_and_negotiating": "sales",
}

# Which team's scorecard each metric belongs on (domain brief, "Metrics").
METRIC_TEAM = {
    "impressions": "marketing",
    "click_through_rate": "marketing",
    "cost_per_lead": "marketing",
    "mqls": "marketing",
    "sourced_pipeline": "marketing",
    "campaign_roi": "marketing",
    "win_rate": "sales",
    "average_deal_size": "sales",
    "cycle_length": "sales",
    "quota_attainment": "sales",
    "pipeline_coverage": "sales",
}

# A CRM event and the lifecycle stage it moves the lead into ("none": no stage change).
EVENT_STAGE = {
    "form_submitted": "lead",
    "score_reached_mql_threshold": "mql",
    "sdr_accepted_the_lead": "sal",
    "discovery_call_confirmed_need": "sql",
    "ae_created_the_deal": "opportunity",
    "deal_signed": "customer",
    "nurture_email_opened": "none",
}


# --- what the exercises recompute from the world ---------------------------------

# Whose desk an open lead is on, by its status (a lead that converted follows its deal; a
# disqualified lead, and a converted one whose deal was lost, are closed: nobody's desk).
STATUS_DESK = {"open": "marketing", "nurture": "marketing", "rejected": "marketing",
               "unworked": "sdr", "working": "sdr"}


def deal_stage_of_leads(world) -> pd.Series:
    """Each lead's deal stage (NaN for a lead without a deal), aligned with ``world.leads``."""
    return world.leads.opportunity_id.map(world.opportunities.set_index("opportunity_id").stage)


def desk_of_leads(world, status_desk: dict | None = None) -> pd.Series:
    """The team each lead is waiting on now (NaN once the record is closed).

    ``lifecycle_stage`` is the furthest stage a lead reached, so it cannot say this: a
    disqualified SAL and a lost deal's lead are closed, and an MQL nobody has called yet
    waits on an SDR. A converted lead waits on the AE while its deal is open and belongs to
    a CSM once it is won.
    """
    desk = world.leads.status.map(status_desk or STATUS_DESK)
    stage = deal_stage_of_leads(world)
    desk = desk.mask(stage == "closed_won", "csm")
    return desk.mask(stage.notna() & ~stage.isin(["closed_won", "closed_lost"]), "ae")


def current_owner_counts(world) -> dict[str, int]:
    """How many open leads each team has on its desk now (closed records count for nobody)."""
    counts = desk_of_leads(world).value_counts()
    return {team: int(counts.get(team, 0)) for team in TEAMS}


def new_business(world) -> pd.DataFrame:
    """Deals for new customers: the ICP is about whom we win, and an expansion of an existing
    customer (``type`` "expansion", the CSMs') says nothing about that."""
    return new_business_deals(world.opportunities)


def closed_deals(world) -> pd.DataFrame:
    """New-business deals that are closed, won or lost: the only ones a win rate can count."""
    deals = new_business(world)
    return deals[deals.is_closed.fillna(False).astype(bool)]


def segment_table(world, by: str = "segment") -> pd.DataFrame:
    """Per group of closed deals: closed, won, win rate, average won deal, won revenue per closed deal.

    win rate = won / (won + lost); average deal size = won amount / won count;
    won revenue per closed deal = won amount / closed deals (= win rate x average deal size).
    ``by`` may be an opportunities column or an accounts column (e.g. ``industry``).
    """
    closed = closed_deals(world)
    if by not in closed.columns:
        closed = closed.merge(world.accounts[["account_id", by]], on="account_id", how="left")
    won = closed.is_won.astype(bool)
    table = pd.DataFrame({
        "closed": closed.groupby(by).size(),
        "won": won.groupby(closed[by]).sum(),
        "won_amount": closed.amount.where(won, 0.0).groupby(closed[by]).sum(),
    })
    table["win_rate"] = table.won / table.closed
    table["avg_deal"] = table.won_amount / table.won
    table["revenue_per_closed_deal"] = table.won_amount / table.closed
    return table


def _column(world, name: str) -> dict[str, float]:
    return {str(k): float(v) for k, v in segment_table(world)[name].items()}


def segments(world) -> list[str]:
    return sorted(closed_deals(world).segment.dropna().unique().tolist())


MIN_SHARE_OF_CLOSED = 0.10  # an industry needs this share of all closed deals before its rates count


def industry_table(world) -> pd.DataFrame:
    """``segment_table`` by industry, keeping the industries with enough closed deals to judge."""
    table = segment_table(world, by="industry")
    return table[table.closed >= MIN_SHARE_OF_CLOSED * table.closed.sum()]


def industries(world) -> list[str]:
    return sorted(world.accounts.industry.dropna().unique().tolist())


def icp_industry(world) -> str:
    """Among industries with at least 10% of closed deals, the most won revenue per closed deal."""
    return str(industry_table(world).revenue_per_closed_deal.idxmax())


def icp_segment(world) -> str:
    """The segment whose closed deals bring the most won revenue each (ties: first by name)."""
    return str(segment_table(world).revenue_per_closed_deal.idxmax())
