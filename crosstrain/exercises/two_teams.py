"""Module 01, two teams: who does what, who owns each stage, and which segment is the ICP.

The concept maps (activities, metrics, CRM events) come from the domain brief and the
world's schema; every number is recomputed from the world the notebook loaded.
``ByKey`` is this module's answer kind for "one value per team / per segment" answers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from crosstrain.learn.answers import Label, Mapping
from crosstrain.learn.exercise import Exercise, Mistake
from crosstrain.world.schema import LIFECYCLE_STAGES, STAGE_OWNER

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


@dataclass(frozen=True)
class ByKey:
    """One value per key (a dict, or a pandas Series indexed by the keys).

    ``value`` is ``"count"`` (whole numbers, exact), ``"share"`` (between 0 and 1, within
    ``tolerance``) or ``"amount"`` (within ``rel_tolerance``). Partial credit: the share
    of the expected keys whose value is right. Extra keys earn nothing and cost nothing,
    but the sanity check names them.
    """

    keys: Callable[[Any], list[str]]
    value: str
    of: str = "key"
    what: str = "value"
    tolerance: float = 1e-6
    rel_tolerance: float = 1e-6

    def sanity(self, answer: Any, world) -> str | None:
        items = _as_dict(answer)
        if items is None:
            return (f"Your answer is a {type(answer).__name__}, but the question asks for one {self.what} per {self.of}: "
                    f"a dict like {{'{self.keys(world)[0]}': ...}} or a pandas Series indexed by {self.of}.")
        keys = self.keys(world)
        missing = [k for k in keys if k not in items]
        if missing:
            return f"Your answer has no {self.what} for {', '.join(map(repr, missing))}: give one for each {self.of} ({', '.join(keys)})."
        extra = [k for k in items if k not in keys]
        if extra:
            return f"{', '.join(map(repr, extra))} is not a {self.of} in this world: keep only {', '.join(keys)}."
        for key in keys:
            problem = self._value_problem(key, items[key])
            if problem:
                return problem
        return None

    def _value_problem(self, key: str, value: Any) -> str | None:
        if type(value) not in (int, float) or isinstance(value, bool):
            return f"The {self.what} for '{key}' is a {type(value).__name__}, but it should be a number."
        if not math.isfinite(value):
            return f"The {self.what} for '{key}' is {value}: did you divide by zero or by an empty selection?"
        if value < 0:
            return f"The {self.what} for '{key}' is negative: a {self.what} cannot be."
        if self.value == "count" and type(value) is not int:
            return f"The {self.what} for '{key}' is a decimal number, but a count is a whole number (.size(), len(...) or value_counts() give one)."
        if self.value == "share" and value > 1:
            return f"The {self.what} for '{key}' is {value:.4g}, but a rate is a share between 0 and 1: did you multiply by 100, or forget to divide?"
        return None

    def score(self, answer: Any, expected: Any) -> float:
        items = _as_dict(answer)
        if items is None or not expected:
            return 0.0
        right = sum(1 for key, want in expected.items() if key in items and self._same(items[key], want))
        return right / len(expected)

    def _same(self, got: Any, want: Any) -> bool:
        if type(got) not in (int, float) or isinstance(got, bool) or not math.isfinite(got):
            return False
        if self.value == "count":
            return type(got) is int and got == want
        if self.value == "share":
            return abs(got - want) <= self.tolerance
        return math.isclose(got, want, rel_tol=self.rel_tolerance, abs_tol=1e-9)


def _as_dict(answer: Any) -> dict | None:
    """A dict or a Series as a plain dict of Python values; None for anything else."""
    if isinstance(answer, pd.Series):
        return dict(zip(answer.index.tolist(), answer.tolist()))
    if type(answer) is dict:
        return answer
    return None


# --- what the exercises recompute from the world ---------------------------------

def current_owner_counts(world) -> dict[str, int]:
    """How many leads each team owns now: the owner of each lead's current lifecycle stage."""
    owners = world.leads.lifecycle_stage.map(STAGE_OWNER)
    counts = owners.value_counts()
    return {team: int(counts.get(team, 0)) for team in TEAMS}


def closed_deals(world) -> pd.DataFrame:
    """Deals that are closed, won or lost: the only ones a win rate can count."""
    deals = world.opportunities
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


# --- the mistakes, as a learner would compute them --------------------------------

def _record_owner_counts(world) -> dict[str, int]:
    roles = world.leads.owner_id.map(world.users.set_index("user_id").role)
    return {str(k): int(v) for k, v in roles.value_counts().items()}


def _ever_reached_counts(world) -> dict[str, int]:
    history = world.lifecycle_history.assign(team=world.lifecycle_history.stage.map(STAGE_OWNER))
    counts = history.groupby("team").lead_id.nunique()
    return {team: int(counts.get(team, 0)) for team in TEAMS}


def _win_rate_all_deals(world) -> dict[str, float]:
    deals = world.opportunities
    return {str(k): float(v) for k, v in deals.is_won.astype(bool).groupby(deals.segment).mean().items()}


def _share_of_wins(world) -> dict[str, float]:
    won = world.opportunities[world.opportunities.is_won.fillna(False).astype(bool)]
    return {str(k): float(v) for k, v in won.segment.value_counts(normalize=True).items()}


def _win_rate_by_value(world) -> dict[str, float]:
    table = segment_table(world)
    closed = closed_deals(world)
    total = closed.groupby("segment").amount.sum()
    return {str(k): float(table.won_amount[k] / total[k]) for k in table.index}


EXERCISES = [
    Exercise(
        MODULE, "q1", "activity_team", "Which team does each activity: marketing or sales?",
        Mapping(keys=tuple(ACTIVITY_TEAM), values=("marketing", "sales"), of="team"),
        compute=lambda w: dict(ACTIVITY_TEAM),
        hint_text=("Marketing works one-to-many, before the first conversation: it studies the market, decides how to "
                   "position and promote the product, and creates and warms up leads. Sales works one-to-one: it finds "
                   "and calls prospects, builds a relationship, presents, answers objections and closes."),
        solution_text=("activity_team = {\n"
                       + "".join(f"    '{k}': '{v}',\n" for k, v in ACTIVITY_TEAM.items()) + "}"),
        points=2,
        mistakes=(
            Mistake("prospecting_is_marketing", lambda w: {**ACTIVITY_TEAM, "prospecting": "marketing"},
                    "prospecting is a salesperson finding and reaching out to specific people, one by one (an SDR's "
                    "calls and e-mails): that is sales work. Marketing's version is lead generation, one-to-many."),
            Mistake("nurturing_is_sales", lambda w: {**ACTIVITY_TEAM, "lead_generation_and_nurturing": "sales"},
                    "lead nurturing means keeping leads warm with content, e-mails and events until they are ready "
                    "to talk: one-to-many, so marketing. Sales builds rapport once there is a conversation."),
            Mistake("research_is_sales", lambda w: {**ACTIVITY_TEAM, "market_research": "sales", "positioning": "sales"},
                    "reps hear a lot from buyers, but studying the market and deciding how the product is positioned "
                    "for a whole segment is one-to-many work done before the first conversation: marketing's."),
        ),
    ),
    Exercise(
        MODULE, "q2", "metric_team", "On which team's scorecard does each metric belong: marketing or sales?",
        Mapping(keys=tuple(METRIC_TEAM), values=("marketing", "sales"), of="team"),
        compute=lambda w: dict(METRIC_TEAM),
        hint_text=("Ask which team's work moves the number. Reach, clicks, leads, their cost and the pipeline and "
                   "return that campaigns produce are marketing's; what happens to deals (won or lost, how big, how "
                   "fast, against quota, and how much pipeline a rep has for the quota) is sales'."),
        solution_text=("metric_team = {\n"
                       + "".join(f"    '{k}': '{v}',\n" for k, v in METRIC_TEAM.items()) + "}"),
        points=2,
        mistakes=(
            Mistake("money_is_sales", lambda w: {**METRIC_TEAM, "sourced_pipeline": "sales", "campaign_roi": "sales"},
                    "pipeline and return are not only sales numbers: marketing-sourced pipeline and campaign ROI "
                    "measure what marketing's campaigns produced, so they sit on marketing's scorecard."),
            Mistake("coverage_is_marketing", lambda w: {**METRIC_TEAM, "pipeline_coverage": "marketing"},
                    "pipeline coverage is open pipeline divided by a rep's remaining quota: a sales manager's "
                    "number for whether the quarter is reachable, so it belongs to sales."),
        ),
    ),
    Exercise(
        MODULE, "q3", "event_stage", "Which lifecycle stage does each CRM event move the lead into?",
        Mapping(keys=tuple(EVENT_STAGE), values=(*LIFECYCLE_STAGES, "none"), of="stage"),
        compute=lambda w: dict(EVENT_STAGE),
        hint_text=("Walk the stages in order: lead (we know who they are), MQL (the agreed score is reached), SAL "
                   "(an SDR accepts it), SQL (the SDR confirms a real need), opportunity (an AE opens a deal), "
                   "customer (the contract is signed). An e-mail open only adds engagement points."),
        solution_text=("event_stage = {\n"
                       + "".join(f"    '{k}': '{v}',\n" for k, v in EVENT_STAGE.items()) + "}"),
        points=2,
        mistakes=(
            Mistake("form_fill_is_mql", lambda w: {**EVENT_STAGE, "form_submitted": "mql"},
                    "a first form fill only tells us who the person is: it creates a lead. It becomes an MQL when "
                    "its fit and engagement reach the threshold both teams agreed on."),
            Mistake("accepted_is_qualified", lambda w: {**EVENT_STAGE, "sdr_accepted_the_lead": "sql",
                                                        "discovery_call_confirmed_need": "opportunity"},
                    "accepting a lead (SAL) only means the SDR agrees to work it; it is sales-qualified (SQL) once a "
                    "conversation confirms a real need, and an opportunity once an AE opens a deal."),
        ),
    ),
    Exercise(
        MODULE, "q4", "leads_by_owner", "How many leads does each team own right now, by their current lifecycle stage?",
        ByKey(keys=lambda w: list(TEAMS), value="count", of="team", what="count"),
        compute=current_owner_counts,
        hint_text=("world.leads.lifecycle_stage is each lead's stage today. Turn each stage into its owning team "
                   "with .map(STAGE_OWNER), then count each team with .value_counts()."),
        solution_text="leads_by_owner = world.leads.lifecycle_stage.map(STAGE_OWNER).value_counts()",
        points=2,
        mistakes=(
            Mistake("record_owner", _record_owner_counts,
                    "you counted the role of each lead's owner_id: that is the SDR the lead was routed to, set once. "
                    "The team that owns the lead now follows from its current lifecycle_stage."),
            Mistake("ever_reached", _ever_reached_counts,
                    "you counted every lead that ever reached a team's stages (the history). The question is who owns "
                    "each lead now: use each lead's current lifecycle_stage, so every lead is counted once."),
        ),
    ),
    Exercise(
        MODULE, "q5", "win_rate", "What is the win rate of each segment, by count, over closed deals?",
        ByKey(keys=segments, value="share", of="segment", what="win rate"),
        compute=lambda w: _column(w, "win_rate"),
        hint_text=("Win rate = won / (won + lost): keep the closed deals (is_closed), then group them by segment "
                   "and take the mean of is_won (the share of True values)."),
        solution_text="closed = world.opportunities[world.opportunities.is_closed]\nwin_rate = closed.groupby('segment').is_won.mean()",
        points=2,
        mistakes=(
            Mistake("all_deals", _win_rate_all_deals,
                    "you divided by every deal, open ones included. An open deal is neither won nor lost yet: win "
                    "rate = won / (won + lost), so keep only the closed deals."),
            Mistake("share_of_wins", _share_of_wins,
                    "that is how the won deals split between segments (it adds up to 1). A segment's win rate divides "
                    "its won deals by its own closed deals."),
            Mistake("by_value", _win_rate_by_value,
                    "that is the win rate by value (won amount / closed amount). The question asks by count: the "
                    "share of closed deals that were won."),
        ),
    ),
    Exercise(
        MODULE, "q6", "revenue_per_deal", "How much won revenue does a closed deal bring, on average, in each segment?",
        ByKey(keys=segments, value="amount", of="segment", what="revenue per closed deal"),
        compute=lambda w: _column(w, "revenue_per_closed_deal"),
        hint_text=("Add up the amount of the won deals of each segment, then divide by that segment's number of closed "
                   "deals (won and lost). Tip: closed.amount.where(closed.is_won, 0) keeps won amounts and zeroes lost ones."),
        solution_text=("closed = world.opportunities[world.opportunities.is_closed]\n"
                       "revenue_per_deal = closed.amount.where(closed.is_won, 0).groupby(closed.segment).mean()"),
        points=2,
        mistakes=(
            Mistake("average_deal_size", lambda w: _column(w, "avg_deal"),
                    "that is the average won deal (won amount / won deals). Dividing by won deals only ignores the "
                    "deals we lost: divide the won amount by all closed deals."),
            Mistake("closed_amount", lambda w: {str(k): float(v) for k, v in closed_deals(w).groupby("segment").amount.mean().items()},
                    "you averaged the amount of every closed deal, lost ones included: a lost deal brings no revenue, "
                    "so count it as 0, not at its amount."),
            Mistake("total_won", lambda w: _column(w, "won_amount"),
                    "that is each segment's total won revenue; the question asks for it per closed deal: divide by "
                    "the number of closed deals."),
        ),
    ),
    Exercise(
        MODULE, "q7", "icp_segment", "Which segment is the ideal customer profile: the most won revenue per closed deal?",
        Label(of="segment", choices=segments),
        compute=icp_segment,
        hint_text="Take the segment with the largest value in your revenue_per_deal answer: .idxmax() on a Series, or max(d, key=d.get) on a dict.",
        solution_text="icp_segment = revenue_per_deal.idxmax()",
        mistakes=(
            Mistake("highest_win_rate", lambda w: str(segment_table(w).win_rate.idxmax()),
                    "that segment wins the largest share of its deals, but its deals are smaller: per closed deal it "
                    "brings less revenue. The question ranks segments by won revenue per closed deal."),
            Mistake("most_won_deals", lambda w: str(segment_table(w).won.idxmax()),
                    "that segment has the most won deals, but counting wins ignores both how many deals it lost and "
                    "how big the wins are. Rank segments by won revenue per closed deal."),
        ),
    ),
    Exercise(
        MODULE, "q8", "icp_industry",
        "Among industries with at least 10% of all closed deals, which brings the most won revenue per closed deal?",
        Label(of="industry", choices=industries),
        compute=icp_industry,
        hint_text=("Start from by_industry. Keep the rows whose closed count is at least 0.10 * by_industry.closed.sum(), "
                   "then take the .idxmax() of their revenue_per_closed_deal."),
        solution_text=("enough = by_industry[by_industry.closed >= 0.10 * by_industry.closed.sum()]\n"
                       "icp_industry = enough.revenue_per_closed_deal.idxmax()"),
        mistakes=(
            Mistake("no_minimum", lambda w: str(segment_table(w, by="industry").revenue_per_closed_deal.idxmax()),
                    "that industry tops the table on a handful of closed deals, where one or two large wins decide "
                    "everything. Keep only the industries with at least 10% of all closed deals first."),
            Mistake("highest_win_rate", lambda w: str(industry_table(w).win_rate.idxmax()),
                    "that industry has the highest win rate among the large ones, but the question ranks them by won "
                    "revenue per closed deal, which also counts how big the wins are."),
            Mistake("most_won_revenue", lambda w: str(segment_table(w, by="industry").won_amount.idxmax()),
                    "that industry brings the most won revenue in total, because it has the most deals. The question "
                    "asks per closed deal: use revenue_per_closed_deal."),
        ),
    ),
]
