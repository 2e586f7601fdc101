"""The exercise table of module 06, pipeline and forecasting.

Each exercise's expected value, hint and known mistakes, computed on the world the
notebook loaded; what the lesson teaches is in ``formulas``.
"""

from __future__ import annotations

import math

import pandas as pd

from crosstrain.notebook.answers.by_label import ByLabel, Parts
from crosstrain.notebook.answers.scalars import Amount, Count, Label, Share
from crosstrain.notebook.exercise import Exercise, Mistake
from crosstrain.notebook.exercises.measuring.formulas import closed, cycle_days, won
from crosstrain.notebook.exercises.pipeline.formulas import (
    LEVER_CHANGE,
    LEVERS,
    MODULE,
    bookings_so_far,
    coverage,
    coverage_needed,
    discount_band,
    discount_table,
    forecast_rollup,
    is_open,
    lever_velocities,
    open_this_quarter,
    quarter_bounds,
    recent_closed,
    remaining_quota,
    stage_probability,
    team_quota,
    velocity,
    velocity_by_owner,
    velocity_inputs,
    weighted_pipeline,
    win_rate,
    win_rate_by_value,
    with_slips,
)
from crosstrain.notebook.exercises.pipeline.kinds import CoverageNeeded
from crosstrain.world.schema import new_business

# --- what each exercise computes, right and wrong ---------------------------------------

def _today(world):
    return world.reference_date


def _deals(world):
    """The deals this module counts: new business (expansions are module 09's)."""
    return new_business(world.opportunities)


def _pipe(world):
    return open_this_quarter(_deals(world), _today(world))


def _weighted_no_open_filter(world) -> float:
    """Every deal closing this quarter, closed ones too: this quarter's wins count at 100%."""
    start, end = quarter_bounds(_today(world))
    deals = _deals(world)
    return weighted_pipeline(deals[(deals.close_date >= start) & (deals.close_date <= end)])


def _booked_by_quarter_number(world) -> float:
    """Won deals whose close date has this quarter's number, in any year (.dt.quarter alone)."""
    wins = won(_deals(world))
    return float(wins.amount[wins.close_date.dt.quarter == _today(world).quarter].sum())


def _weighted_closed_included(world) -> float:
    _, end = quarter_bounds(_today(world))
    deals = _deals(world)
    return weighted_pipeline(deals[deals.close_date <= end])


def _coverage_parts(world, pipeline=None, win=None, whole_quota=False, booked=None, every_type=False) -> dict:
    deals = world.opportunities if every_type else _deals(world)
    remaining = team_quota(world.users) if whole_quota else remaining_quota(deals, world.users, _today(world))
    if booked is not None:
        remaining = team_quota(world.users) - booked(world)
    pipe_amount = float(open_this_quarter(deals, _today(world)).amount.sum()) if pipeline is None else pipeline(world)
    rate = win_rate_by_value(recent_closed(deals, _today(world))) if win is None else win(world)
    return {"coverage": coverage(pipe_amount, remaining), "coverage_needed": coverage_needed(rate),
            "pipeline_needed": remaining / rate}


def _coverage_times_win_rate(world) -> dict:
    parts = _coverage_parts(world)
    rate = win_rate_by_value(recent_closed(_deals(world), _today(world)))
    remaining = remaining_quota(_deals(world), world.users, _today(world))
    return {**parts, "coverage_needed": rate, "pipeline_needed": remaining * rate}


def _velocity_dict(world, **changes) -> dict:
    return {str(k): float(v) for k, v in _velocity_variant(world, **changes).items()}


def _velocity_variant(world, how="median", average="won", opportunities="open", whole_days=False) -> pd.Series:
    deals, today = _deals(world), _today(world)
    recent = recent_closed(deals, today)
    wins = won(recent)
    result = {}
    for owner in sorted(wins.owner_id.unique()):
        mine, mine_recent, mine_wins = deals[deals.owner_id == owner], recent[recent.owner_id == owner], wins[wins.owner_id == owner]
        days = (mine_wins.close_date - mine_wins.created_at).dt.days if whole_days else cycle_days(mine_wins)
        n = int(is_open(mine).sum()) if opportunities == "open" else len(mine)
        avg = float(mine_wins.amount.mean()) if average == "won" else float(mine_recent.amount.mean())
        result[owner] = velocity(n, avg, len(mine_wins) / len(mine_recent), float(getattr(days, how)()))
    return pd.Series(result, dtype=float)


def _window_winners(world) -> list[str]:
    return sorted(won(recent_closed(_deals(world), _today(world))).owner_id.unique())


def _levers(world, win_points=False, cycle_longer=False) -> dict:
    inputs = velocity_inputs(_deals(world), _today(world))
    levers = lever_velocities(inputs)
    if win_points:
        levers["win_rate"] = velocity(**{**inputs, "win_rate": inputs["win_rate"] + LEVER_CHANGE})
    if cycle_longer:
        levers["cycle_length"] = velocity(**{**inputs, "cycle_length": inputs["cycle_length"] * (1 + LEVER_CHANGE)})
    return {"levers": levers, "biggest": max(levers, key=levers.get)}


def _slip_parts(world, at_least=2, never=0, rows=False, open_included=False, ungrouped=False) -> dict:
    deals = with_slips(_deals(world), world.opportunity_history)
    if ungrouped:  # shift() over the whole table: each deal's first row is compared with the previous deal's last
        h = world.opportunity_history.sort_values(["opportunity_id", "changed_at"], kind="stable")
        counted = (h.close_date > h.close_date.shift()).groupby(h.opportunity_id).sum()
        deals = deals.assign(slips=deals.opportunity_id.map(counted).fillna(0).astype(int))
    if rows:
        counted = world.opportunity_history.groupby("opportunity_id").size() - 1
        deals = deals.assign(slips=deals.opportunity_id.map(counted).fillna(0).astype(int))
    slipped = deals[deals.slips >= at_least]
    steady = deals[deals.slips == 0] if never == 0 else deals[deals.slips < at_least]

    def rate(group):
        if open_included:
            return len(won(group)) / len(group) if len(group) else math.nan
        return win_rate(group)

    return {"n_slipped": len(slipped), "win_rate_slipped": rate(slipped), "win_rate_never_slipped": rate(steady)}


def _rollup_variant(world, weighted=False, best_case_alone=False, any_quarter=False, booked=None, every_type=False) -> dict:
    deals, today = world.opportunities if every_type else _deals(world), _today(world)
    booked = bookings_so_far(deals, today) if booked is None else booked(world)
    pipe = deals[is_open(deals)] if any_quarter else open_this_quarter(deals, today)
    value = pipe.amount * (stage_probability(pipe) / 100 if weighted else 1)
    commit = booked + float(value[pipe.forecast_category == "commit"].sum())
    best_open = float(value[pipe.forecast_category == "best_case"].sum())
    return {"commit": commit, "best_case": best_open if best_case_alone else commit + best_open}


def _closed_bands(world) -> list[str]:
    return list(discount_table(_deals(world)).index)


def _won_bands(world) -> list[str]:
    return list(discount_table(_deals(world)).median_won_amount.dropna().index)


def _discount_parts(world, amount="median", amount_of="won", open_included=False) -> dict:
    deals = _deals(world)
    done = closed(deals)
    table = discount_table(deals)
    if open_included:
        band = discount_band(deals.discount_pct)
        rate = deals.is_won.astype(bool).groupby(band).mean()
    else:
        rate = table.win_rate
    pool = won(done) if amount_of == "won" else done
    amounts = getattr(pool.amount.groupby(discount_band(pool.discount_pct)), amount)()
    return {"win_rate": {str(k): float(v) for k, v in rate.items()},
            "median_won_amount": {str(k): float(v) for k, v in amounts.dropna().items()}}


_Q1_SOLUTION = """deals = deals[deals.type == "new_business"]  # new business only: expansion deals are module 09's
quarter_end = today.to_period("Q").end_time
open_deals = deals[~deals.is_closed]
this_quarter = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
weighted = (this_quarter.amount * this_quarter.stage.map(DEAL_STAGES).astype(float) / 100).sum()"""

_Q2_SOLUTION = """deals = deals[deals.type == "new_business"]  # new business only: expansion deals are module 09's
quarter_start, quarter_end = today.to_period("Q").start_time, today.to_period("Q").end_time
open_deals = deals[~deals.is_closed]
pipeline = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)].amount.sum()
wins = deals[deals.is_won]
booked = wins[(wins.close_date >= quarter_start) & (wins.close_date <= today)].amount.sum()
remaining = users.loc[users.role == "ae", "quarterly_quota"].sum() - booked
recent = deals[deals.is_closed & (deals.close_date >= today - pd.Timedelta(days=365))]
win_rate_value = recent[recent.is_won].amount.sum() / recent.amount.sum()
coverage = {"coverage": pipeline / remaining, "coverage_needed": 1 / win_rate_value, "pipeline_needed": remaining / win_rate_value}"""

_Q3_SOLUTION = """deals = deals[deals.type == "new_business"]  # new business only: expansion deals are module 09's
recent = deals[deals.is_closed & (deals.close_date >= today - pd.Timedelta(days=365))]
wins = recent[recent.is_won]
per_ae = pd.DataFrame({
    "opportunities": deals[~deals.is_closed].groupby("owner_id").size(),
    "average_deal": wins.groupby("owner_id").amount.mean(),
    "win_rate": recent.groupby("owner_id").is_won.mean(),
    "cycle_length": ((wins.close_date - wins.created_at) / pd.Timedelta(days=1)).groupby(wins.owner_id).median(),
})
per_ae = per_ae.dropna(subset=["average_deal"]).fillna({"opportunities": 0})
velocity = per_ae.opportunities * per_ae.average_deal * per_ae.win_rate / per_ae.cycle_length"""

_Q4_SOLUTION = """deals = deals[deals.type == "new_business"]  # new business only: expansion deals are module 09's
recent = deals[deals.is_closed & (deals.close_date >= today - pd.Timedelta(days=365))]
wins = recent[recent.is_won]
n, avg, rate = (~deals.is_closed).sum(), wins.amount.mean(), recent.is_won.mean()
cycle = ((wins.close_date - wins.created_at) / pd.Timedelta(days=1)).median()
levers = {
    "opportunities": (n * 1.1) * avg * rate / cycle,
    "average_deal": n * (avg * 1.1) * rate / cycle,
    "win_rate": n * avg * (rate * 1.1) / cycle,
    "cycle_length": n * avg * rate / (cycle * 0.9),
}
velocity_levers = {"levers": levers, "biggest": max(levers, key=levers.get)}"""

_Q5_SOLUTION = """deals = deals[deals.type == "new_business"]  # new business only: expansion deals are module 09's
h = history.sort_values(["opportunity_id", "changed_at"])
moved_later = h.close_date > h.groupby("opportunity_id").close_date.shift()
slips = moved_later.groupby(h.opportunity_id).sum()
deals_slips = deals.assign(slips=deals.opportunity_id.map(slips).fillna(0))
done = deals_slips[deals_slips.is_closed]
slipped = {
    "n_slipped": int((deals_slips.slips >= 2).sum()),
    "win_rate_slipped": done[done.slips >= 2].is_won.mean(),
    "win_rate_never_slipped": done[done.slips == 0].is_won.mean(),
}"""

_Q6_SOLUTION = """deals = deals[deals.type == "new_business"]  # new business only: expansion deals are module 09's
quarter_start, quarter_end = today.to_period("Q").start_time, today.to_period("Q").end_time
wins = deals[deals.is_won]
booked = wins[(wins.close_date >= quarter_start) & (wins.close_date <= today)].amount.sum()
open_deals = deals[~deals.is_closed]
this_quarter = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
by_category = this_quarter.groupby("forecast_category").amount.sum()
commit = booked + by_category.get("commit", 0)
forecast = {"commit": commit, "best_case": commit + by_category.get("best_case", 0)}"""

_Q7_SOLUTION = """deals = deals[deals.type == "new_business"]  # new business only: expansion deals are module 09's
done = deals[deals.is_closed]
band = discount_band(done.discount_pct)
wins = done[done.is_won]
discounts = {
    "win_rate": done.is_won.groupby(band).mean(),
    "median_won_amount": wins.amount.groupby(band[wins.index]).median(),
}"""


EXERCISES = [
    Exercise(
        MODULE, "q1", "weighted", "What is the weighted pipeline of the open deals closing this quarter (from the reference date to the quarter's end)?",
        Amount(of="a weighted pipeline"),
        compute=lambda w: weighted_pipeline(_pipe(w)),
        hint_text="New-business deals only (deals.type == 'new_business'). Keep the open deals (not is_closed) whose close_date is from today to today.to_period('Q').end_time. Weight each amount by its stage probability (deals.stage.map(DEAL_STAGES), in percent: divide by 100) and add up.",
        solution_text=_Q1_SOLUTION,
        points=2,
        mistakes=(
            Mistake("all_open_deals", lambda w: weighted_pipeline(_deals(w)[is_open(_deals(w))]),
                    "you weighted every open deal, including those expected to close in later quarters. This quarter's pipeline is the open deals whose close_date falls before the quarter ends."),
            Mistake("unweighted", lambda w: float(_pipe(w).amount.sum()),
                    "that is the unweighted pipeline, every amount counted in full. Multiply each amount by its stage probability / 100 before adding up.", core=True),
            Mistake("no_open_filter", _weighted_no_open_filter,
                    "your total includes the deals already closed this quarter: each one won since the quarter began counts at 100%. The pipeline is the open deals (not is_closed) closing from today to the quarter's end."),
            Mistake("closed_included", _weighted_closed_included,
                    "your total includes closed deals: every won deal, at 100%, is still in it. The weighted pipeline is open deals only (not is_closed) with a close_date from today to the quarter's end."),
            Mistake("percent", lambda w: weighted_pipeline(_pipe(w)) * 100,
                    "your total is 100 times too big: the probability is in percent, so weight by probability / 100."),
        ),
    ),
    Exercise(
        MODULE, "q2", "coverage", "This quarter: pipeline coverage of the remaining quota, the coverage needed at the recent win rate by value, and the pipeline needed in dollars?",
        Parts((("coverage", Amount(of="a coverage ratio")), ("coverage_needed", CoverageNeeded()),
               ("pipeline_needed", Amount(of="the pipeline needed")))),
        compute=lambda w: _coverage_parts(w),
        hint_text="New-business deals only (deals.type == 'new_business'). Coverage = open pipeline closing this quarter (full amounts, not weighted) / (the AEs' quarterly_quota summed - won amount closed since the quarter began). Win rate by value over deals closed in the last 365 days: won amount / closed amount. Coverage needed = 1 / that win rate; pipeline needed = remaining quota / that win rate.",
        solution_text=_Q2_SOLUTION,
        points=3,
        mistakes=(
            Mistake("multiplied_by_win_rate", _coverage_times_win_rate,
                    "you multiplied by the win rate. If you win a quarter of your pipeline's value, you need four times the quota in pipeline: the coverage needed is 1 / win rate, and the pipeline needed is remaining quota / win rate.", core=True),
            Mistake("weighted_pipeline", lambda w: _coverage_parts(w, pipeline=lambda x: weighted_pipeline(_pipe(x))),
                    "you divided the weighted pipeline by the quota. Coverage uses the open pipeline at full amounts: the win rate already does the discounting when you compare it with the coverage needed."),
            Mistake("all_open_deals", lambda w: _coverage_parts(w, pipeline=lambda x: float(_deals(x)[is_open(_deals(x))].amount.sum())),
                    "your coverage counts every open deal, including those expected to close in later quarters. Only the deals closing this quarter can cover this quarter's quota."),
            Mistake("whole_quota", lambda w: _coverage_parts(w, whole_quota=True),
                    "you compared the pipeline with the whole quarter's quota. Part of it is already booked: the remaining quota is the team quota minus the won amount closed since the quarter began."),
            Mistake("booked_by_quarter_number", lambda w: _coverage_parts(w, booked=_booked_by_quarter_number),
                    "your bookings so far count every won deal closed in a quarter with this quarter's number, in earlier years too (.dt.quarter has no year). Booked so far is the won amount closed from this quarter's first day to today."),
            Mistake("win_rate_by_count", lambda w: _coverage_parts(w, win=lambda x: win_rate(recent_closed(_deals(x), _today(x)))),
                    "you used the win rate by count. Coverage compares dollars of pipeline with dollars of quota, so use the win rate by value: won amount / closed amount."),
            Mistake("with_expansions", lambda w: _coverage_parts(w, every_type=True),
                    "you counted expansion deals too. AE quotas cover new business, and expansions (sold by CSMs to existing customers, with a much higher win rate) are module 09's: keep deals.type == 'new_business' for the pipeline, the bookings and the win rate."),
        ),
    ),
    Exercise(
        MODULE, "q3", "velocity", "What is the sales velocity (dollars per day) of each AE who won at least one deal in the last 365 days?",
        ByLabel(_window_winners, of="AE", measure="velocity",
                extra_hint=" The AEs are those who won at least one deal closed in the last 365 days (owner_id)."),
        compute=lambda w: {str(k): float(v) for k, v in velocity_by_owner(_deals(w), _today(w)).items()},
        hint_text="New-business deals only (deals.type == 'new_business'). Per owner_id: opportunities = open deals now (0 if none); over deals closed in the last 365 days: average deal = mean amount of the won ones, win rate = won / closed, cycle length = median of (close_date - created_at) / pd.Timedelta(days=1) of the won ones. Velocity = opportunities x average deal x win rate / cycle length.",
        solution_text=_Q3_SOLUTION,
        points=2,
        mistakes=(
            Mistake("mean_cycle", lambda w: _velocity_dict(w, how="mean"),
                    "you used the mean cycle. A few very long deals pull the mean up: the cycle length is the median days to close of won deals."),
            Mistake("average_of_closed", lambda w: _velocity_dict(w, average="closed"),
                    "your average deal averages lost deals too. The win rate already counts the losses: the average deal is the mean amount of the won deals."),
            Mistake("all_deals_as_opportunities", lambda w: _velocity_dict(w, opportunities="all"),
                    "you counted every deal the AE ever had as opportunities. Velocity asks how fast today's pipeline turns into revenue: count the open deals.", core=True),
            Mistake("whole_days", lambda w: _velocity_dict(w, whole_days=True),
                    "you measured the cycle in whole days (.dt.days). Use decimal days: (close_date - created_at) / pd.Timedelta(days=1)."),
        ),
    ),
    Exercise(
        MODULE, "q4", "velocity_levers", "The team's velocity after improving each lever by 10% alone, and which lever moves it most?",
        Parts((("levers", ByLabel(lambda w: list(LEVERS), of="lever", measure="velocity")),
               ("biggest", Label(of="lever", choices=lambda w: list(LEVERS))))),
        compute=lambda w: _levers(w),
        hint_text="New-business deals only (deals.type == 'new_business'). Compute the four levers for the whole team as in q3 (open deals now; average won deal, win rate and median cycle of deals closed in the last 365 days). Then redo velocity four times, changing one lever each time: x 1.1 for opportunities, average deal and win rate, x 0.9 for the cycle (10% shorter is better).",
        solution_text=_Q4_SOLUTION,
        points=2,
        mistakes=(
            Mistake("win_rate_plus_ten_points", lambda w: _levers(w, win_points=True),
                    "you raised the win rate by 10 percentage points (say 20% to 30%), which is a 50% improvement, not 10%. Improve it by 10% of itself: win rate x 1.1.", core=True),
            Mistake("cycle_longer", lambda w: _levers(w, cycle_longer=True),
                    "you made the cycle 10% longer. A better cycle is a shorter one: cycle x 0.9, and since it divides, velocity grows by 1/0.9 - 1, about 11%."),
        ),
    ),
    Exercise(
        MODULE, "q5", "slipped", "How many deals had their close date pushed later at least twice, and the win rates of those and of deals that never slipped?",
        Parts((("n_slipped", Count(of="deals")), ("win_rate_slipped", Share(of="the slipped deals that closed")),
               ("win_rate_never_slipped", Share(of="the never-slipped deals that closed")))),
        compute=lambda w: _slip_parts(w),
        hint_text="New-business deals only (deals.type == 'new_business'). Sort world.opportunity_history by opportunity_id and changed_at; a slip is a row whose close_date is later than the previous row's of the same deal (groupby(...).close_date.shift()). Count slips per deal; deals with 2 or more slipped at least twice (open ones count too). Win rates: won / closed, over the closed deals of each group.",
        solution_text=_Q5_SOLUTION,
        points=3,
        mistakes=(
            Mistake("history_rows", lambda w: _slip_parts(w, rows=True),
                    "you counted history rows, but most rows are stage changes, and every closed deal has at least two. A slip is a row whose close_date is later than the previous row's."),
            Mistake("open_included", lambda w: _slip_parts(w, open_included=True),
                    "your win rates count open deals as not won. Win rate = won / (won + lost): keep the closed deals of each group."),
            Mistake("compared_with_the_rest", lambda w: _slip_parts(w, never=1),
                    "you compared the slipped deals with all the others, deals that slipped once included. The question compares them with deals that never slipped (0 slips)."),
            Mistake("shift_across_deals", lambda w: _slip_parts(w, ungrouped=True),
                    "you shifted over the whole table, so each deal's first row is compared with the previous deal's last row. Shift within each deal: groupby('opportunity_id').close_date.shift().", core=True),
            Mistake("three_or_more", lambda w: _slip_parts(w, at_least=3),
                    "you kept deals that slipped more than twice. At least twice means 2 slips or more: >= 2."),
        ),
    ),
    Exercise(
        MODULE, "q6", "forecast", "This quarter's forecast roll-up: commit (closed won so far + commit deals) and best case (commit + best-case deals)?",
        Parts((("commit", Amount(of="the commit forecast")), ("best_case", Amount(of="the best-case forecast")))),
        compute=lambda w: forecast_rollup(_deals(w), _today(w)),
        hint_text="New-business deals only (deals.type == 'new_business'). Closed won so far: won deals with close_date from the quarter's start to today. Then the open deals closing this quarter, summed by forecast_category at full amounts. Commit = closed won so far + the commit deals; best case = commit + the best_case deals.",
        solution_text=_Q6_SOLUTION,
        points=2,
        mistakes=(
            Mistake("weighted", lambda w: _rollup_variant(w, weighted=True),
                    "you weighted the amounts by probability. A forecast category is the rep's call on each deal: a commit deal counts in full, so the roll-up adds full amounts.", core=True),
            Mistake("all_time_closed", lambda w: _rollup_variant(w, booked=lambda x: float(won(_deals(x)).amount.sum())),
                    "you added every deal ever won (forecast_category 'closed'). Only deals won since this quarter began count towards this quarter."),
            Mistake("no_won_so_far", lambda w: _rollup_variant(w, booked=lambda x: 0.0),
                    "your commit leaves out what is already won this quarter. The quarter is half over: commit = closed won so far this quarter + the open commit deals closing this quarter."),
            Mistake("booked_by_quarter_number", lambda w: _rollup_variant(w, booked=_booked_by_quarter_number),
                    "your closed won so far counts every won deal closed in a quarter with this quarter's number, in earlier years too (.dt.quarter has no year). Keep the won deals closed from this quarter's first day to today."),
            Mistake("best_case_alone", lambda w: _rollup_variant(w, best_case_alone=True),
                    "your best case is only the best_case deals. Best case sits on top of commit: commit + the best_case deals."),
            Mistake("any_quarter", lambda w: _rollup_variant(w, any_quarter=True),
                    "you rolled up open deals of every quarter. This quarter's forecast only counts deals closing before the quarter ends."),
            Mistake("with_expansions", lambda w: _rollup_variant(w, every_type=True),
                    "your roll-up counts expansion deals too. The forecast is called against the AEs' new-business quota, and expansions are the CSMs' (module 09): keep deals.type == 'new_business'."),
        ),
    ),
    Exercise(
        MODULE, "q7", "discounts", "By discount band: the win rate over closed deals and the median amount of won deals?",
        Parts((("win_rate", ByLabel(_closed_bands, of="discount band", measure="win rate", share=True)),
               ("median_won_amount", ByLabel(_won_bands, of="discount band", measure="median won amount")))),
        compute=lambda w: _discount_parts(w),
        hint_text="New-business deals only (deals.type == 'new_business'). Keep closed deals; band = discount_band(done.discount_pct). Win rate: done.is_won grouped by band, .mean(). Median won amount: the won deals' amount grouped by their band, .median().",
        solution_text=_Q7_SOLUTION,
        points=2,
        mistakes=(
            Mistake("mean_amount", lambda w: _discount_parts(w, amount="mean"),
                    "that is the mean amount. A few very large deals pull the mean around: the question asks for the median."),
            Mistake("open_included", lambda w: _discount_parts(w, open_included=True),
                    "your win rates count open deals as not won. Win rate = won / (won + lost): keep the closed deals.", core=True),
            Mistake("lost_amounts_included", lambda w: _discount_parts(w, amount_of="closed"),
                    "your median amount includes lost deals. What a discount costs shows in the amounts actually signed: the won deals."),
        ),
    ),
]
