"""The exercise table of module 01, two teams.

Each exercise's expected value, hint and known mistakes, computed on the world the
notebook loaded; what the lesson teaches is in ``formulas``.
"""

from __future__ import annotations

from crosstrain.notebook.answers.by_key import ByKey
from crosstrain.notebook.answers.scalars import Label, Mapping
from crosstrain.notebook.exercise import Exercise, Mistake
from crosstrain.notebook.exercises.orientation.formulas import STAGE_OWNER
from crosstrain.notebook.exercises.two_teams.formulas import (
    ACTIVITY_TEAM,
    EVENT_STAGE,
    METRIC_TEAM,
    MODULE,
    STATUS_DESK,
    TEAMS,
    _column,
    closed_deals,
    current_owner_counts,
    desk_of_leads,
    icp_industry,
    icp_segment,
    industries,
    industry_table,
    segment_table,
    segments,
)
from crosstrain.world.schema import LIFECYCLE_STAGES

# --- the mistakes, as a learner would compute them --------------------------------

def _furthest_stage_counts(world) -> dict[str, int]:
    counts = world.leads.lifecycle_stage.map(STAGE_OWNER).value_counts()
    return {team: int(counts.get(team, 0)) for team in TEAMS}


def _closed_counted_counts(world) -> dict[str, int]:
    """Closed records left on a desk: disqualified leads with the SDRs, lost deals with the AEs."""
    desk = desk_of_leads(world, {**STATUS_DESK, "disqualified": "sdr", "converted": "ae"})
    counts = desk.value_counts()
    return {team: int(counts.get(team, 0)) for team in TEAMS}


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
                    "calls and e-mails): that is sales work. Marketing's version is lead generation, one-to-many.", core=True),
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
                    "measure what marketing's campaigns produced, so they sit on marketing's scorecard.", core=True),
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
                    "its fit and engagement reach the threshold both teams agreed on.", core=True),
            Mistake("accepted_is_qualified", lambda w: {**EVENT_STAGE, "sdr_accepted_the_lead": "sql",
                                                        "discovery_call_confirmed_need": "opportunity"},
                    "accepting a lead (SAL) only means the SDR agrees to work it; it is sales-qualified (SQL) once a "
                    "conversation confirms a real need, and an opportunity once an AE opens a deal."),
        ),
    ),
    Exercise(
        MODULE, "q4", "leads_by_owner", "How many open leads does each team have on its desk right now?",
        ByKey(keys=lambda w: list(TEAMS), value="count", of="team", what="count"),
        compute=current_owner_counts,
        hint_text=("Start from world.leads.status.map(STATUS_DESK): marketing or sdr for a lead still being worked, "
                   "empty for a closed or converted one. Then look up each lead's deal stage "
                   "(world.opportunities.set_index('opportunity_id').stage): an open deal puts the lead on the AE's "
                   "desk, a won one on the CSM's, a lost one on nobody's. Count with .value_counts()."),
        solution_text=("deal_stage = world.leads.opportunity_id.map(world.opportunities.set_index('opportunity_id').stage)\n"
                       "desk = world.leads.status.map(STATUS_DESK)\n"
                       "desk[deal_stage == 'closed_won'] = 'csm'\n"
                       "desk[deal_stage.notna() & ~deal_stage.isin(['closed_won', 'closed_lost'])] = 'ae'\n"
                       "leads_by_owner = desk.value_counts()"),
        points=2,
        mistakes=(
            Mistake("furthest_stage", _furthest_stage_counts,
                    "you mapped lifecycle_stage to its owner, but lifecycle_stage is the furthest stage a lead ever "
                    "reached, not where it is now: that puts disqualified SALs on the SDRs' desk and lost deals on the "
                    "AEs'. Whose desk a lead is on follows its status (and, once converted, its deal).", core=True),
            Mistake("closed_counted", _closed_counted_counts,
                    "a closed record is on nobody's desk: a disqualified lead needs no more work, and neither does a "
                    "converted lead whose deal was lost. Count only the leads someone still has to act on."),
            Mistake("record_owner", _record_owner_counts,
                    "you counted the role of each lead's owner_id. That is the lead's record owner: in this CRM the SDR "
                    "it was routed to, who stays its owner after it converts (the deal has its own owner_id, an AE). "
                    "The question is which team has to act next, which follows the lead's status and its deal."),
            Mistake("ever_reached", _ever_reached_counts,
                    "you counted every lead that ever reached a team's stages (the history). The question is whose desk "
                    "each open lead is on now: count each lead once, by its status and its deal."),
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
                    "rate = won / (won + lost), so keep only the closed deals.", core=True),
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
                    "deals we lost: divide the won amount by all closed deals.", core=True),
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
                    "brings less revenue. The question ranks segments by won revenue per closed deal.", core=True),
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
                    "everything. Keep only the industries with at least 10% of all closed deals first.", core=True),
            Mistake("highest_win_rate", lambda w: str(industry_table(w).win_rate.idxmax()),
                    "that industry has the highest win rate among the large ones, but the question ranks them by won "
                    "revenue per closed deal, which also counts how big the wins are."),
            Mistake("most_won_revenue", lambda w: str(segment_table(w, by="industry").won_amount.idxmax()),
                    "that industry brings the most won revenue in total, because it has the most deals. The question "
                    "asks per closed deal: use revenue_per_closed_deal."),
        ),
    ),
]
