"""The exercise table of module 02, measuring what matters.

Each exercise's expected value, hint and known mistakes, computed on the world the
notebook loaded; what the lesson teaches is in ``formulas``.
"""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.answers.by_label import ByLabel, Days, Parts
from crosstrain.notebook.answers.forms import WHOLE_DAYS
from crosstrain.notebook.answers.scalars import Amount, Label, Share
from crosstrain.notebook.exercise import Exercise, Mistake
from crosstrain.notebook.exercises.measuring.formulas import (
    CPL_CHANNEL,
    CYCLE_SEGMENT,
    GROSS_MARGIN,
    MODULE,
    PAID_MEDIA,
    WIN_RATE_SEGMENT,
    attainment,
    average_deal_size,
    closed,
    cost_by_channel,
    cost_per,
    ctr_by_channel,
    cycle_days,
    last_complete_quarter,
    leads_by_channel,
    quarter_quotas,
    win_rate_by_count,
    win_rate_by_value,
    won,
    won_revenue_by_channel,
)
from crosstrain.world.schema import new_business

# --- what each exercise computes, right and wrong ---------------------------------------

def _paid_media(world) -> list[str]:
    return sorted(c for c in world.campaigns.loc[world.campaigns.impressions > 0, "channel"].unique())


def _campaign_channels(world) -> list[str]:
    return sorted(world.campaigns.channel.unique())


def _sql_channels(world) -> list[str]:
    """Channels with campaigns and at least one SQL: cost per SQL is spend / SQLs, undefined
    without an SQL (a small world can leave a channel without one)."""
    sqls = world.leads.loc[world.leads.sql_at.notna(), "source_channel"].unique()
    return sorted(set(world.campaigns.channel.unique()) & set(sqls))


def _ae_ids(world) -> list[str]:
    """The AEs with a quota in the last complete quarter (those employed in it)."""
    return sorted(quarter_quotas(world.quotas, _quarter(world)).index)


def _dict(series: pd.Series) -> dict:
    return {str(k): float(v) for k, v in series.items()}


def _paid_only(series: pd.Series, world) -> dict:
    return _dict(series.reindex(_paid_media(world)))


def _cpl(world, column="actual_cost", reached=None) -> float:
    return float(cost_per(world.campaigns, world.leads, reached, column)[CPL_CHANNEL])


def _mean_campaign_cpl(world) -> float:
    campaigns = world.campaigns[world.campaigns.channel == CPL_CHANNEL]
    leads = world.leads.groupby("campaign_id").size().reindex(campaigns.campaign_id, fill_value=0)
    return float((campaigns.set_index("campaign_id").actual_cost / leads).mean())


def _cheapest(world, per_lead=cost_per, pick="idxmin", sql_stage="sql_at") -> dict:
    paid = list(PAID_MEDIA)
    by_lead = per_lead(world.campaigns, world.leads, None).reindex(paid)
    by_sql = per_lead(world.campaigns, world.leads, sql_stage).reindex(paid)
    return {"cheapest_per_lead": str(getattr(by_lead, pick)()), "cheapest_per_sql": str(getattr(by_sql, pick)())}


def _most_leads(world) -> dict:
    biggest = str(leads_by_channel(world.leads).reindex(list(PAID_MEDIA)).idxmax())
    return {"cheapest_per_lead": biggest, "cheapest_per_sql": biggest}


def _segment_deals(world, segment, every_type=False):
    """The segment's new-business deals (expansions are CSMs selling to customers: module 09's),
    or, for the mistake of forgetting that, every deal of the segment."""
    deals = world.opportunities
    deals = deals if every_type else new_business(deals)
    return deals[deals.segment == segment]


def _win_parts(world, segment=WIN_RATE_SEGMENT, every_type=False) -> dict:
    deals = _segment_deals(world, segment, every_type)
    return {"win_rate_by_count": win_rate_by_count(deals), "win_rate_by_value": win_rate_by_value(deals),
            "average_deal_size": average_deal_size(deals)}


def _win_parts_open_included(world) -> dict:
    deals = _segment_deals(world, WIN_RATE_SEGMENT)
    wins = won(deals)
    return {"win_rate_by_count": len(wins) / len(deals), "win_rate_by_value": float(wins.amount.sum() / deals.amount.sum()),
            "average_deal_size": average_deal_size(deals)}


def _win_parts_leads(world) -> dict:
    parts = _win_parts(world)
    leads = world.leads[world.leads.segment == WIN_RATE_SEGMENT]
    return {**parts, "win_rate_by_count": len(won(_segment_deals(world, WIN_RATE_SEGMENT))) / len(leads)}


def _win_parts_avg_all(world) -> dict:
    deals = _segment_deals(world, WIN_RATE_SEGMENT)
    return {**_win_parts(world), "average_deal_size": float(deals.amount.mean())}


def _cycle(days: pd.Series, how="median") -> tuple:
    return (float(getattr(days, how)()), float(getattr(days.floordiv(1), how)()))


def _cycle_of(world, which=won, how="median") -> tuple:
    deals = which(_segment_deals(world, CYCLE_SEGMENT))
    return _cycle(cycle_days(deals), how)


def _quarter(world) -> pd.Period:
    return last_complete_quarter(world.reference_date)


def _attainment_of(world, deals=None, date="close_date", drop_zero=False, quarter=None) -> dict:
    quarter = _quarter(world) if quarter is None else quarter
    quota = quarter_quotas(world.quotas, quarter)
    deals = won(world.opportunities) if deals is None else deals
    booked = deals[deals[date].dt.to_period("Q") == quarter].groupby("owner_id").amount.sum()
    if drop_zero:
        quota = quota[quota.index.isin(booked.index)]
    return _dict((booked.reindex(quota.index, fill_value=0.0) / quota).sort_index())


def _roi(world, margin=GROSS_MARGIN, column="actual_cost", deals=None) -> dict:
    spend = cost_by_channel(world.campaigns, column)
    opps = world.opportunities if deals is None else deals
    revenue = won_revenue_by_channel(world.campaigns, opps).reindex(spend.index)
    return _dict((revenue * margin - spend) / spend)


def _roas(world) -> dict:
    spend = cost_by_channel(world.campaigns)
    return _dict(won_revenue_by_channel(world.campaigns, world.opportunities).reindex(spend.index) / spend)


def _pipeline_as_won(world) -> dict:
    every_deal = world.opportunities.assign(is_won=True)
    return _roi(world, deals=every_deal)


EXERCISES = [
    Exercise(
        MODULE, "q1", "ctr", "What is the click-through rate (CTR) of each paid-media channel?",
        ByLabel(_paid_media, of="paid-media channel", measure="CTR", share=True,
                extra_hint=" Paid media are the channels whose campaigns have impressions."),
        compute=lambda w: _dict(ctr_by_channel(w.campaigns)),
        hint_text="Keep the campaigns with impressions > 0, group them by channel, sum clicks and impressions, then divide the two sums.",
        solution_text="paid = world.campaigns[world.campaigns.impressions > 0]\ntotals = paid.groupby('channel')[['clicks', 'impressions']].sum()\nctr = totals.clicks / totals.impressions",
        points=1,
        mistakes=(
            Mistake("mean_of_campaign_ctrs", lambda w: _paid_only((w.campaigns.clicks / w.campaigns.impressions).groupby(w.campaigns.channel).mean(), w),
                    "you averaged each campaign's CTR, so a small campaign weighs as much as a big one. A channel's CTR is its total clicks divided by its total impressions.", core=True),
            Mistake("percent", lambda w: {k: v * 100 for k, v in _dict(ctr_by_channel(w.campaigns)).items()},
                    "those look like percentages: give each CTR as a share between 0 and 1."),
        ),
    ),
    Exercise(
        MODULE, "q2", "cpl_paid_search", "What is the cost per lead (CPL) of the paid_search channel, in dollars?",
        Amount(of="a cost per lead"),
        compute=lambda w: _cpl(w),
        hint_text="Sum the actual_cost of the paid_search campaigns, then divide by the number of leads whose source_channel is paid_search.",
        solution_text="spend = world.campaigns.loc[world.campaigns.channel == 'paid_search', 'actual_cost'].sum()\nn_leads = (world.leads.source_channel == 'paid_search').sum()\ncpl_paid_search = spend / n_leads",
        mistakes=(
            Mistake("budget", lambda w: _cpl(w, column="budget"),
                    "you used the budget, which is what was planned. Cost per lead uses actual_cost, what was really spent."),
            Mistake("mean_of_campaign_cpls", _mean_campaign_cpl,
                    "you averaged each campaign's cost per lead, so a small campaign weighs as much as a big one. Divide the channel's total cost by its total leads."),
            Mistake("per_mql", lambda w: _cpl(w, reached="mql_at"),
                    "that is the cost per MQL: you divided by the leads that became MQLs. Cost per lead divides by every lead the channel brought in.", core=True),
        ),
    ),
    Exercise(
        MODULE, "q3", "cost_per_sql", "What is the cost per SQL of each channel that has campaigns and SQLs?",
        ByLabel(_sql_channels, of="channel", measure="cost per SQL",
                extra_hint=" Every channel with campaigns has a cost; outbound has none and stays out."),
        compute=lambda w: _dict(cost_per(w.campaigns, w.leads, "sql_at").reindex(_sql_channels(w))),
        hint_text="Spend per channel: world.campaigns.groupby('channel').actual_cost.sum(). SQLs per channel: the leads with a date in sql_at, grouped by source_channel. Divide the first by the second.",
        solution_text="spend = world.campaigns.groupby('channel').actual_cost.sum()\nsqls = world.leads[world.leads.sql_at.notna()].groupby('source_channel').size()\ncost_per_sql = (spend / sqls).dropna()",
        points=2,
        mistakes=(
            Mistake("per_lead", lambda w: _dict(cost_per(w.campaigns, w.leads)),
                    "that is the cost per lead: you divided by every lead. Cost per SQL divides by the leads that reached SQL (a date in sql_at).", core=True),
            Mistake("budget", lambda w: _dict(cost_per(w.campaigns, w.leads, "sql_at", "budget")),
                    "you used the budget, which is what was planned. Use actual_cost, what was really spent."),
            Mistake("per_opportunity", lambda w: _dict(cost_per(w.campaigns, w.leads, "opportunity_id")),
                    "you divided by the leads that became opportunities. An SQL is a lead sales qualified: the ones with a date in sql_at."),
        ),
    ),
    Exercise(
        MODULE, "q4", "paid_media_pick", "Among paid media, which channel is cheapest per lead, and which is cheapest per SQL?",
        Parts((("cheapest_per_lead", Label(of="paid-media channel", choices=lambda w: list(PAID_MEDIA))),
               ("cheapest_per_sql", Label(of="paid-media channel", choices=lambda w: list(PAID_MEDIA))))),
        compute=lambda w: _cheapest(w),
        hint_text="Compute cost per lead and cost per SQL by channel as in q2 and q3, keep display, paid_search and paid_social, and take .idxmin() of each.",
        solution_text="paid = ['display', 'paid_search', 'paid_social']\nspend = world.campaigns.groupby('channel').actual_cost.sum()\nper_lead = spend / world.leads.groupby('source_channel').size()\nper_sql = spend / world.leads[world.leads.sql_at.notna()].groupby('source_channel').size()\npaid_media_pick = {'cheapest_per_lead': per_lead[paid].idxmin(), 'cheapest_per_sql': per_sql[paid].idxmin()}",
        mistakes=(
            Mistake("same_for_both", lambda w: {"cheapest_per_lead": _cheapest(w)["cheapest_per_lead"], "cheapest_per_sql": _cheapest(w)["cheapest_per_lead"]},
                    "you assumed the channel with the cheapest leads also gives the cheapest SQLs. Compute cost per SQL separately: cheap leads that rarely qualify are expensive SQLs.", core=True),
            Mistake("most_expensive", lambda w: _cheapest(w, pick="idxmax"),
                    "you picked the most expensive channels: the cheapest has the smallest cost, .idxmin()."),
            Mistake("most_leads", _most_leads,
                    "you picked the channel with the most leads. Volume is not cost: divide each channel's spend by its leads and by its SQLs."),
        ),
    ),
    Exercise(
        MODULE, "q5", "roi", f"What is each channel's ROI, with won revenue attributed to the deal's campaign and a gross margin of {GROSS_MARGIN:.0%}?",
        ByLabel(_campaign_channels, of="channel", measure="ROI", negative_ok=True,
                extra_hint=" Every channel with campaigns has a spend; outbound has none and stays out."),
        compute=lambda w: _roi(w),
        hint_text="Won deals carry the campaign_id of the campaign that sourced them: map it to the campaign's channel and sum the won amount per channel. Gross profit = that revenue x GROSS_MARGIN; ROI = (gross profit - actual_cost) / actual_cost.",
        solution_text="camps = world.campaigns\nwins = world.opportunities[world.opportunities.is_won]\nchannel = wins.campaign_id.map(camps.set_index('campaign_id').channel)\nspend = camps.groupby('channel').actual_cost.sum()\nrevenue = wins.amount.groupby(channel).sum().reindex(spend.index, fill_value=0)\nroi = (revenue * GROSS_MARGIN - spend) / spend",
        points=2,
        mistakes=(
            Mistake("revenue_not_profit", lambda w: _roi(w, margin=1.0),
                    "you used revenue, not gross profit. ROI counts what the revenue leaves after the cost of delivering it: multiply won revenue by GROSS_MARGIN."),
            Mistake("roas", _roas,
                    "that is ROAS, revenue / spend. ROI subtracts the spend first: (gross profit - spend) / spend.", core=True),
            Mistake("budget", lambda w: _roi(w, column="budget"),
                    "you used the budget, which is what was planned. Use actual_cost, what was really spent."),
            Mistake("pipeline_not_won", _pipeline_as_won,
                    "you counted every deal's amount, open and lost ones too. Only won deals bring revenue."),
        ),
    ),
    Exercise(
        MODULE, "q6", "mid_market", "For mid-market deals: win rate by count, win rate by value, and average deal size?",
        Parts((("win_rate_by_count", Share(of="the closed deals")), ("win_rate_by_value", Share(of="the closed deals' amount")),
               ("average_deal_size", Amount(of="the average deal size")))),
        compute=lambda w: _win_parts(w),
        hint_text="Keep new-business deals (type == 'new_business') with segment == 'mid_market'. Win rates use closed deals only (is_closed): won / closed by count, and won amount / closed amount by value. Average deal size = won amount / number of won deals.",
        solution_text="deals = world.opportunities[(world.opportunities.type == 'new_business') & (world.opportunities.segment == 'mid_market')]\ndone = deals[deals.is_closed]\nwins = done[done.is_won]\nmid_market = {\n    'win_rate_by_count': len(wins) / len(done),\n    'win_rate_by_value': wins.amount.sum() / done.amount.sum(),\n    'average_deal_size': wins.amount.sum() / len(wins),\n}",
        points=3,
        mistakes=(
            Mistake("open_deals_included", _win_parts_open_included,
                    "your win rates count open deals too. An open deal is not decided yet: win rate = won / (won + lost), over closed deals only.", core=True),
            Mistake("leads_denominator", _win_parts_leads,
                    "you divided the wins by the segment's leads. Win rate is a sales metric over deals: won / (won + lost)."),
            Mistake("average_of_all_deals", _win_parts_avg_all,
                    "your average deal size averages every deal, open and lost ones too. It is the won amount divided by the number of won deals."),
            Mistake("with_expansions", lambda w: _win_parts(w, every_type=True),
                    "you kept the expansion deals: CSMs selling more to existing customers win far more often and say nothing "
                    "about how sales wins new customers. Keep type == 'new_business'."),
        ),
    ),
    Exercise(
        MODULE, "q7", "enterprise_cycle", "What is the median cycle length of won enterprise deals, in days?",
        Days(of="a cycle length"),
        compute=lambda w: _cycle_of(w),
        accepts=WHOLE_DAYS,  # the lesson: "decimal days, or whole days with `.dt.days`: both are accepted"
        hint_text="Keep won new-business enterprise deals (type == 'new_business'); cycle = close_date - created_at; divide by pd.Timedelta(days=1) to get days; take the median.",
        solution_text="deals = world.opportunities[world.opportunities.type == 'new_business']\nwins = deals[(deals.segment == 'enterprise') & deals.is_won]\nenterprise_cycle = ((wins.close_date - wins.created_at) / pd.Timedelta(days=1)).median()",
        mistakes=(
            Mistake("mean", lambda w: _cycle_of(w, how="mean"),
                    "that is the mean. A few very long deals pull the mean up: the cycle length is the median.", core=True),
            Mistake("lost_included", lambda w: _cycle_of(w, which=closed),
                    "you included lost deals. Cycle length is measured on won deals: how long it takes to win."),
            Mistake("open_included", lambda w: _cycle_of(w, which=lambda d: d),
                    "you included open deals, whose close_date is only a forecast. Keep the won deals."),
        ),
    ),
    Exercise(
        MODULE, "q8", "attainment", "What was each AE's quota attainment in the last complete quarter before the world's reference date?",
        ByLabel(_ae_ids, of="AE", measure="attainment", negative_ok=False,
                extra_hint=" An AE who booked nothing in the quarter attained 0: keep every AE with a quota in that quarter (world.quotas)."),
        compute=lambda w: _dict(attainment(w.opportunities, w.quotas, _quarter(w))),
        hint_text="The quarter: (world.reference_date.to_period('Q') - 1). Quotas: the rows of world.quotas whose quarter is str(quarter). Bookings = amount of won deals whose close_date falls in the quarter, summed by owner_id; divide by each AE's quota of that quarter (AEs with no bookings get 0).",
        solution_text="quarter = world.reference_date.to_period('Q') - 1\nquota = world.quotas[world.quotas.quarter == str(quarter)].set_index('user_id').quota\nwins = world.opportunities[world.opportunities.is_won]\nbooked = wins[wins.close_date.dt.to_period('Q') == quarter].groupby('owner_id').amount.sum()\nattainment = booked.reindex(quota.index, fill_value=0) / quota",
        points=2,
        mistakes=(
            Mistake("all_closed_deals", lambda w: _attainment_of(w, deals=closed(w.opportunities)),
                    "you counted every deal closed in the quarter, lost ones too. Bookings are won deals only.", core=True),
            Mistake("created_in_quarter", lambda w: _attainment_of(w, date="created_at"),
                    "you took the deals created in the quarter. A booking counts in the quarter its deal closed: use close_date."),
            Mistake("current_quarter", lambda w: _attainment_of(w, quarter=_quarter(w) + 1),
                    "you took the quarter the reference date falls in, which is not over yet. Use the last complete quarter, the one before reference_date.to_period('Q')."),
            Mistake("no_zero_bookings", lambda w: _attainment_of(w, drop_zero=True),
                    "AEs who booked nothing in the quarter are missing: their attainment is 0, and leaving them out flatters the team."),
        ),
    ),
]
