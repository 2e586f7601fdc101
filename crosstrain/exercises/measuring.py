"""Module 02, measuring what matters: marketing metrics by channel, sales metrics by
segment and rep, and where the two disagree.

The formulas are small pure functions on the world's tables (tested on hand-made rows
against the domain brief); every expected value is recomputed from the world the
notebook loaded. Two answer kinds this module needs and ``answers`` lacks live here:
``ByLabel`` (a number per channel, segment or rep, partial credit per label) and
``Parts`` (a dict of named parts, each with its own kind).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from crosstrain.learn.answers import Amount, Label, Share, _type_name
from crosstrain.learn.exercise import Exercise, Mistake

MODULE = "02-measuring"
GROSS_MARGIN = 0.80  # assumed gross margin of the software we sell: ROI counts gross profit, not revenue
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


def attainment(opportunities: pd.DataFrame, users: pd.DataFrame, quarter: pd.Period) -> pd.Series:
    """bookings in the quarter / quarterly_quota, for every AE (0 for an AE who booked nothing)."""
    aes = users[users.role == "ae"].set_index("user_id")
    wins = won(opportunities)
    in_quarter = wins[wins.close_date.dt.to_period("Q") == quarter]
    bookings = in_quarter.groupby("owner_id").amount.sum().reindex(aes.index, fill_value=0.0)
    return bookings / aes.quarterly_quota


# --- answer kinds this module needs ----------------------------------------------------

def _as_dict(answer: Any) -> Any:
    """A decoded Series becomes ``{label: value}``; anything else is left alone."""
    if isinstance(answer, pd.Series):
        return {k: (v.item() if hasattr(v, "item") else v) for k, v in answer.items()}
    return answer


def _same(a: Any, b: Any, rel: float) -> bool:
    if type(a) not in (int, float) or type(b) not in (int, float):
        return False
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


@dataclass(frozen=True)
class ByLabel:
    """A number per label (a Series or a dict): one value per channel, segment or rep.

    Partial credit: the share of labels whose value is right, out of the expected labels
    plus any extra ones the answer adds.
    """

    labels: Callable[[Any], list[str]]
    of: str = "channel"
    measure: str = "value"
    share: bool = False
    negative_ok: bool = False
    rel_tolerance: float = 1e-6
    extra_hint: str = ""

    def sanity(self, answer: Any, world) -> str | None:
        answer = _as_dict(answer)
        if type(answer) is not dict:
            return f"Your answer is {_type_name(answer)}, but the question asks for a Series (or dict) with one {self.measure} per {self.of}."
        if any(type(k) is not str for k in answer):
            return f"The labels of your answer are not {self.of} names: keep the {self.of} as the index (a groupby on it does that)."
        expected = list(self.labels(world))
        missing = [k for k in expected if k not in answer]
        if missing:
            return f"Your answer has no {self.measure} for {', '.join(map(repr, missing))}: give one for every {self.of} asked for.{self.extra_hint}"
        extra = [k for k in answer if k not in expected]
        if extra:
            return f"Your answer has entries the question does not ask for ({', '.join(map(repr, extra))}): keep only {', '.join(map(repr, expected))}."
        for key, value in answer.items():
            if type(value) not in (int, float):
                return f"The {self.measure} for {key!r} is {_type_name(value)}, but it should be a number."
            if not math.isfinite(value):
                return f"The {self.measure} for {key!r} is {value}: did you divide by zero or by an empty selection?"
            if self.share and value > 1:
                return f"The {self.measure} for {key!r} is {value:.4g}, but a rate is a share between 0 and 1: did you multiply by 100, or divide the wrong way round?"
            if value < 0 and not self.negative_ok:
                return f"The {self.measure} for {key!r} is {value:.4g}: it cannot be negative."
        return None

    def score(self, answer: Any, expected: Any) -> float:
        answer = _as_dict(answer)
        if type(answer) is not dict or type(expected) is not dict or not expected:
            return 0.0
        right = sum(1 for k, v in expected.items() if k in answer and type(k) is str and _same(answer[k], v, self.rel_tolerance))
        return right / len(set(expected) | set(answer))


@dataclass(frozen=True)
class Parts:
    """A dict of named parts, each with its own kind; partial credit: the mean of the parts."""

    parts: tuple[tuple[str, Any], ...]

    def sanity(self, answer: Any, world) -> str | None:
        keys = [k for k, _ in self.parts]
        if type(answer) is not dict:
            return f"Your answer is {_type_name(answer)}, but the question asks for a dict with the keys {', '.join(map(repr, keys))}."
        missing = [k for k in keys if k not in answer]
        if missing:
            return f"Your dict has no {', '.join(map(repr, missing))}: give each of {', '.join(map(repr, keys))}."
        for key, kind in self.parts:
            problem = kind.sanity(answer[key], world)
            if problem:
                return f"{key}: {problem}"
        return None

    def score(self, answer: Any, expected: Any) -> float:
        if type(answer) is not dict or type(expected) is not dict:
            return 0.0
        return sum(kind.score(answer.get(key), expected[key]) for key, kind in self.parts) / len(self.parts)


@dataclass(frozen=True)
class Days:
    """A duration in days. Decimal days or whole days (``.dt.days``) are both accepted:
    the expected value is the pair (median of decimal days, median of whole days)."""

    of: str = "the cycle length"
    rel_tolerance: float = 1e-6

    def sanity(self, answer: Any, world) -> str | None:
        if isinstance(answer, pd.Timedelta):
            return "Your answer is a Timedelta: give a number of days (divide by pd.Timedelta(days=1), or use .dt.days)."
        return Amount(of=self.of).sanity(answer, world)

    def score(self, answer: Any, expected: Any) -> float:
        return float(any(_same(answer, e, self.rel_tolerance) for e in expected))


# --- what each exercise computes, right and wrong ---------------------------------------

def _paid_media(world) -> list[str]:
    return sorted(c for c in world.campaigns.loc[world.campaigns.impressions > 0, "channel"].unique())


def _campaign_channels(world) -> list[str]:
    return sorted(world.campaigns.channel.unique())


def _ae_ids(world) -> list[str]:
    return sorted(world.users.loc[world.users.role == "ae", "user_id"])


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


def _segment_deals(world, segment):
    return world.opportunities[world.opportunities.segment == segment]


def _win_parts(world, segment=WIN_RATE_SEGMENT) -> dict:
    deals = _segment_deals(world, segment)
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
    users, quarter = world.users, (_quarter(world) if quarter is None else quarter)
    aes = users[users.role == "ae"].set_index("user_id")
    deals = won(world.opportunities) if deals is None else deals
    booked = deals[deals[date].dt.to_period("Q") == quarter].groupby("owner_id").amount.sum()
    if drop_zero:
        aes = aes[aes.index.isin(booked.index)]
    return _dict((booked.reindex(aes.index, fill_value=0.0) / aes.quarterly_quota).sort_index())


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
                    "you averaged each campaign's CTR, so a small campaign weighs as much as a big one. A channel's CTR is its total clicks divided by its total impressions."),
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
                    "that is the cost per MQL: you divided by the leads that became MQLs. Cost per lead divides by every lead the channel brought in."),
        ),
    ),
    Exercise(
        MODULE, "q3", "cost_per_sql", "What is the cost per SQL of each channel that has campaigns?",
        ByLabel(_campaign_channels, of="channel", measure="cost per SQL",
                extra_hint=" Every channel with campaigns has a cost; outbound has none and stays out."),
        compute=lambda w: _dict(cost_per(w.campaigns, w.leads, "sql_at")),
        hint_text="Spend per channel: world.campaigns.groupby('channel').actual_cost.sum(). SQLs per channel: the leads with a date in sql_at, grouped by source_channel. Divide the first by the second.",
        solution_text="spend = world.campaigns.groupby('channel').actual_cost.sum()\nsqls = world.leads[world.leads.sql_at.notna()].groupby('source_channel').size()\ncost_per_sql = (spend / sqls).dropna()",
        points=2,
        mistakes=(
            Mistake("per_lead", lambda w: _dict(cost_per(w.campaigns, w.leads)),
                    "that is the cost per lead: you divided by every lead. Cost per SQL divides by the leads that reached SQL (a date in sql_at)."),
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
                    "you assumed the channel with the cheapest leads also gives the cheapest SQLs. Compute cost per SQL separately: cheap leads that rarely qualify are expensive SQLs."),
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
                    "that is ROAS, revenue / spend. ROI subtracts the spend first: (gross profit - spend) / spend."),
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
        hint_text="Keep segment == 'mid_market'. Win rates use closed deals only (is_closed): won / closed by count, and won amount / closed amount by value. Average deal size = won amount / number of won deals.",
        solution_text="deals = world.opportunities[world.opportunities.segment == 'mid_market']\ndone = deals[deals.is_closed]\nwins = done[done.is_won]\nmid_market = {\n    'win_rate_by_count': len(wins) / len(done),\n    'win_rate_by_value': wins.amount.sum() / done.amount.sum(),\n    'average_deal_size': wins.amount.sum() / len(wins),\n}",
        points=3,
        mistakes=(
            Mistake("open_deals_included", _win_parts_open_included,
                    "your win rates count open deals too. An open deal is not decided yet: win rate = won / (won + lost), over closed deals only."),
            Mistake("leads_denominator", _win_parts_leads,
                    "you divided the wins by the segment's leads. Win rate is a sales metric over deals: won / (won + lost)."),
            Mistake("average_of_all_deals", _win_parts_avg_all,
                    "your average deal size averages every deal, open and lost ones too. It is the won amount divided by the number of won deals."),
        ),
    ),
    Exercise(
        MODULE, "q7", "enterprise_cycle", "What is the median cycle length of won enterprise deals, in days?",
        Days(of="a cycle length"),
        compute=lambda w: _cycle_of(w),
        hint_text="Keep won enterprise deals; cycle = close_date - created_at; divide by pd.Timedelta(days=1) to get days; take the median.",
        solution_text="deals = world.opportunities\nwins = deals[(deals.segment == 'enterprise') & deals.is_won]\nenterprise_cycle = ((wins.close_date - wins.created_at) / pd.Timedelta(days=1)).median()",
        mistakes=(
            Mistake("mean", lambda w: _cycle_of(w, how="mean"),
                    "that is the mean. A few very long deals pull the mean up: the cycle length is the median."),
            Mistake("lost_included", lambda w: _cycle_of(w, which=closed),
                    "you included lost deals. Cycle length is measured on won deals: how long it takes to win."),
            Mistake("open_included", lambda w: _cycle_of(w, which=lambda d: d),
                    "you included open deals, whose close_date is only a forecast. Keep the won deals."),
        ),
    ),
    Exercise(
        MODULE, "q8", "attainment", "What was each AE's quota attainment in the last complete quarter before the world's reference date?",
        ByLabel(_ae_ids, of="AE", measure="attainment", negative_ok=False,
                extra_hint=" An AE who booked nothing in the quarter attained 0: keep every AE (role == 'ae')."),
        compute=lambda w: _dict(attainment(w.opportunities, w.users, _quarter(w))),
        hint_text="The quarter: (world.reference_date.to_period('Q') - 1). Bookings = amount of won deals whose close_date falls in it, summed by owner_id; divide by each AE's quarterly_quota (AEs with no bookings get 0).",
        solution_text="quarter = world.reference_date.to_period('Q') - 1\naes = world.users[world.users.role == 'ae'].set_index('user_id')\nwins = world.opportunities[world.opportunities.is_won]\nbooked = wins[wins.close_date.dt.to_period('Q') == quarter].groupby('owner_id').amount.sum()\nattainment = booked.reindex(aes.index, fill_value=0) / aes.quarterly_quota",
        points=2,
        mistakes=(
            Mistake("all_closed_deals", lambda w: _attainment_of(w, deals=closed(w.opportunities)),
                    "you counted every deal closed in the quarter, lost ones too. Bookings are won deals only."),
            Mistake("created_in_quarter", lambda w: _attainment_of(w, date="created_at"),
                    "you took the deals created in the quarter. A booking counts in the quarter its deal closed: use close_date."),
            Mistake("current_quarter", lambda w: _attainment_of(w, quarter=_quarter(w) + 1),
                    "you took the quarter the reference date falls in, which has only just begun. Use the last complete quarter: reference_date.to_period('Q') - 1."),
            Mistake("no_zero_bookings", lambda w: _attainment_of(w, drop_zero=True),
                    "AEs who booked nothing in the quarter are missing: their attainment is 0, and leaving them out flatters the team."),
        ),
    ),
]
