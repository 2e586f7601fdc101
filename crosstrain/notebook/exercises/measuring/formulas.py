"""Module 02, measuring what matters: marketing metrics by channel, sales metrics by
segment and rep, and where the two disagree.

The formulas are small pure functions on the world's tables (tested on hand-made rows
against the domain brief); every expected value is recomputed from the world the
notebook loaded. Its answer kinds ``ByLabel`` (a number per
channel, segment or rep), ``Parts`` and ``Days``, shared with later modules, are in
``crosstrain.notebook.answers.by_label``.
"""

from __future__ import annotations

import math

import pandas as pd

from crosstrain.notebook.exercises.measuring.lesson import GROSS_MARGIN

MODULE = "02-measuring"
PAID_MEDIA = ("display", "paid_search", "paid_social")  # channels bought by the impression
CPL_CHANNEL = "paid_search"
WIN_RATE_SEGMENT = "mid_market"
CYCLE_SEGMENT = "enterprise"


# --- the formulas (domain brief, "Formulas") -------------------------------------------

def ctr_by_channel(campaigns: pd.DataFrame) -> pd.Series:
    """CTR = clicks / impressions, summed over each paid channel's campaigns."""
    paid = campaigns[campaigns.impressions > 0]
    totals = paid.groupby("channel")[["clicks", "impressions"]].sum()
    return totals.clicks / totals.impressions


def cost_by_channel(campaigns: pd.DataFrame, column: str = "actual_cost") -> pd.Series:
    """What each channel's campaigns cost (``actual_cost``: what was spent, not the budget)."""
    return campaigns.groupby("channel")[column].sum()


def leads_by_channel(leads: pd.DataFrame, reached: str | None = None) -> pd.Series:
    """Leads per source channel; with ``reached`` (e.g. ``"sql_at"``), only those that reached that stage."""
    if reached is not None:
        leads = leads[leads[reached].notna()]
    return leads.groupby("source_channel").size()


def cost_per(campaigns: pd.DataFrame, leads: pd.DataFrame, reached: str | None = None, column: str = "actual_cost") -> pd.Series:
    """Cost per lead (``reached=None``) or per SQL (``reached="sql_at"``) of each paid-for channel.

    Outbound leads have no campaign and no cost, so they are left out.
    """
    cost = cost_by_channel(campaigns, column)
    count = leads_by_channel(leads, reached).reindex(cost.index, fill_value=0)
    return cost / count


def won_revenue_by_channel(campaigns: pd.DataFrame, opportunities: pd.DataFrame) -> pd.Series:
    """Won revenue attributed to each channel: won deals whose ``campaign_id`` is one of its campaigns."""
    won = opportunities[opportunities.is_won.fillna(False).astype(bool)]
    channel = won.campaign_id.map(campaigns.set_index("campaign_id").channel)
    return won.amount.groupby(channel).sum().reindex(campaigns.channel.unique(), fill_value=0.0).sort_index()


def roi_by_channel(campaigns: pd.DataFrame, opportunities: pd.DataFrame, margin: float = GROSS_MARGIN) -> pd.Series:
    """ROI = (attributed gross profit - spend) / spend, gross profit = won revenue x margin."""
    spend = cost_by_channel(campaigns)
    profit = won_revenue_by_channel(campaigns, opportunities).reindex(spend.index) * margin
    return (profit - spend) / spend


def closed(opportunities: pd.DataFrame) -> pd.DataFrame:
    return opportunities[opportunities.is_closed.fillna(False).astype(bool)]


def won(opportunities: pd.DataFrame) -> pd.DataFrame:
    return opportunities[opportunities.is_won.fillna(False).astype(bool)]


def win_rate_by_count(opportunities: pd.DataFrame) -> float:
    """won / (won + lost): open deals are not decided yet and stay out."""
    done = closed(opportunities)
    return len(won(done)) / len(done) if len(done) else math.nan


def win_rate_by_value(opportunities: pd.DataFrame) -> float:
    """won amount / (won + lost) amount."""
    done = closed(opportunities)
    total = done.amount.sum()
    return float(won(done).amount.sum() / total) if total else math.nan


def average_deal_size(opportunities: pd.DataFrame) -> float:
    """won amount / won count."""
    wins = won(opportunities)
    return float(wins.amount.sum() / len(wins)) if len(wins) else math.nan


def cycle_days(opportunities: pd.DataFrame) -> pd.Series:
    """close_date - created_at in days, as decimals."""
    return (opportunities.close_date - opportunities.created_at) / pd.Timedelta(days=1)


def median_won_cycle(opportunities: pd.DataFrame) -> float:
    """median(close_date - created_at) of won deals, in days."""
    return float(cycle_days(won(opportunities)).median())


def last_complete_quarter(reference_date) -> pd.Period:
    """The last calendar quarter that ended before the world's 'today'."""
    today = pd.Timestamp(reference_date)
    current = today.to_period("Q")
    return current - 1 if today < current.end_time else current


def quarter_quotas(quotas: pd.DataFrame, quarter: pd.Period) -> pd.Series:
    """Each AE's quota in ``quarter`` (the AEs employed in it), by user_id."""
    return quotas[quotas.quarter == str(quarter)].set_index("user_id").quota


def attainment(opportunities: pd.DataFrame, quotas: pd.DataFrame, quarter: pd.Period) -> pd.Series:
    """bookings in the quarter / that quarter's quota, for every AE with a quota (0 for one who booked nothing)."""
    quota = quarter_quotas(quotas, quarter)
    wins = won(opportunities)
    in_quarter = wins[wins.close_date.dt.to_period("Q") == quarter]
    bookings = in_quarter.groupby("owner_id").amount.sum().reindex(quota.index, fill_value=0.0)
    return bookings / quota
