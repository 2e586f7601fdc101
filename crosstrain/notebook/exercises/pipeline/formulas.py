"""Module 06, pipeline, forecasting and closing: weighted pipeline, coverage, velocity,
slipped deals, the forecast roll-up and what discounts buy.

"This quarter" is always the calendar quarter that contains ``world.reference_date``
(the CRM's "today"); its open pipeline is the open deals whose close date falls from
the reference date to the quarter's end. Rates that describe recent performance (win
rate, average deal, cycle length) are measured on deals closed in the ``WINDOW_DAYS``
before the reference date.

The formulas are small pure functions on the world's tables, tested on hand-made rows
against the domain brief; every expected value is recomputed from the world the
notebook loaded, over new-business deals (``new_business``). Answer kinds come from ``crosstrain.notebook.answers``;
``CoverageNeeded`` (in ``kinds``) adds a sanity check for the classic mistake of
multiplying by the win rate.
"""

from __future__ import annotations

import math

import pandas as pd

from crosstrain.notebook.exercises.measuring.formulas import closed, cycle_days, won
from crosstrain.notebook.exercises.pipeline.lesson import DISCOUNT_BANDS, deal_risks, discount_band  # noqa: F401 (the table's names)
from crosstrain.world.schema import DEAL_STAGES

MODULE = "06-pipeline"
WINDOW_DAYS = 365  # recent performance: deals closed in the year before the reference date
LEVER_CHANGE = 0.10  # q4: improve each velocity lever by 10%
LEVERS = ("opportunities", "average_deal", "win_rate", "cycle_length")


# --- the formulas (domain brief, "Formulas") -------------------------------------------

def quarter_bounds(reference_date) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Start and end of the calendar quarter that contains the reference date."""
    quarter = pd.Timestamp(reference_date).to_period("Q")
    return quarter.start_time, quarter.end_time


def is_open(deals: pd.DataFrame) -> pd.Series:
    return ~deals.is_closed.fillna(False).astype(bool)


def open_this_quarter(deals: pd.DataFrame, reference_date) -> pd.DataFrame:
    """Open deals whose close date falls from the reference date to the end of its quarter."""
    today = pd.Timestamp(reference_date)
    _, end = quarter_bounds(today)
    return deals[is_open(deals) & (deals.close_date >= today) & (deals.close_date <= end)]


def stage_probability(deals: pd.DataFrame) -> pd.Series:
    """Each deal's probability from its stage (Salesforce defaults, in percent)."""
    return deals.stage.map(DEAL_STAGES).astype(float)  # float even for no deals (an empty map keeps the text dtype)


def weighted_pipeline(deals: pd.DataFrame) -> float:
    """sum(amount x stage probability / 100)."""
    return float((deals.amount * stage_probability(deals) / 100).sum())


def team_quota(users: pd.DataFrame) -> float:
    """The quarter's quota of the team: every AE's quarterly_quota added up."""
    return float(users.loc[users.role == "ae", "quarterly_quota"].sum())


def bookings_so_far(deals: pd.DataFrame, reference_date) -> float:
    """Won amount closed from the start of the current quarter up to the reference date."""
    today = pd.Timestamp(reference_date)
    start, _ = quarter_bounds(today)
    wins = won(deals)
    return float(wins.loc[(wins.close_date >= start) & (wins.close_date <= today), "amount"].sum())


def remaining_quota(deals: pd.DataFrame, users: pd.DataFrame, reference_date) -> float:
    """Team quota - bookings so far in the quarter."""
    return team_quota(users) - bookings_so_far(deals, reference_date)


def coverage(open_pipeline: float, remaining: float) -> float:
    """Coverage = open pipeline (unweighted) / remaining quota."""
    return open_pipeline / remaining


def coverage_needed(win_rate: float) -> float:
    """About 1 / win rate: to book $1 at a 25% win rate you need $4 of pipeline. Never x win rate."""
    return 1 / win_rate


def recent_closed(deals: pd.DataFrame, reference_date, days: int = WINDOW_DAYS) -> pd.DataFrame:
    """Deals closed (won or lost) in the ``days`` before the reference date."""
    today = pd.Timestamp(reference_date)
    done = closed(deals)
    return done[(done.close_date >= today - pd.Timedelta(days=days)) & (done.close_date <= today)]


def win_rate_by_value(done: pd.DataFrame) -> float:
    """won amount / (won + lost) amount, over the closed deals given."""
    return float(won(done).amount.sum() / done.amount.sum())


def velocity(opportunities: float, average_deal: float, win_rate: float, cycle_length: float) -> float:
    """Sales velocity = opportunities x average deal x win rate / cycle length in days ($ per day)."""
    return opportunities * average_deal * win_rate / cycle_length


def velocity_inputs(deals: pd.DataFrame, reference_date, how: str = "median") -> dict:
    """The four levers for a set of deals: open deals now; average won deal, win rate by
    count and median cycle (decimal days) of the deals closed in the window."""
    recent = recent_closed(deals, reference_date)
    wins = won(recent)
    return {
        "opportunities": int(is_open(deals).sum()),
        "average_deal": float(wins.amount.mean()),
        "win_rate": len(wins) / len(recent) if len(recent) else math.nan,
        "cycle_length": float(getattr(cycle_days(wins), how)()),
    }


def velocity_by_owner(deals: pd.DataFrame, reference_date) -> pd.Series:
    """Sales velocity of each AE who won at least one deal in the window."""
    recent = recent_closed(deals, reference_date)
    owners = sorted(won(recent).owner_id.unique())
    return pd.Series({o: velocity(**velocity_inputs(deals[deals.owner_id == o], reference_date)) for o in owners}, dtype=float)


def lever_velocities(inputs: dict, change: float = LEVER_CHANGE) -> dict:
    """Velocity after improving each lever by ``change`` alone: 10% more opportunities, a
    10% bigger average deal, a 10% higher win rate (relative), a 10% shorter cycle."""
    result = {}
    for lever in LEVERS:
        moved = dict(inputs)
        moved[lever] = inputs[lever] * (1 - change if lever == "cycle_length" else 1 + change)
        result[lever] = velocity(**moved)
    return result


def slips_per_deal(history: pd.DataFrame) -> pd.Series:
    """How many times each deal's close date moved later: rows whose close_date is after
    the previous row's, in the order of changed_at (stage changes do not count)."""
    h = history.sort_values(["opportunity_id", "changed_at"], kind="stable")
    previous = h.groupby("opportunity_id").close_date.shift()
    return (h.close_date > previous).groupby(h.opportunity_id).sum().astype(int)


def with_slips(deals: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    return deals.assign(slips=deals.opportunity_id.map(slips_per_deal(history)).fillna(0).astype(int))


def win_rate(done: pd.DataFrame) -> float:
    """won / (won + lost) by count over the closed deals given."""
    done = closed(done)
    return len(won(done)) / len(done) if len(done) else math.nan


def forecast_rollup(deals: pd.DataFrame, reference_date) -> dict:
    """Commit = closed won so far this quarter + open commit deals closing this quarter;
    best case = commit + open best-case deals closing this quarter (full amounts)."""
    booked = bookings_so_far(deals, reference_date)
    pipe = open_this_quarter(deals, reference_date)
    commit = booked + float(pipe.loc[pipe.forecast_category == "commit", "amount"].sum())
    return {"commit": commit, "best_case": commit + float(pipe.loc[pipe.forecast_category == "best_case", "amount"].sum())}


def discount_table(deals: pd.DataFrame) -> pd.DataFrame:
    """Per discount band: closed deals, win rate (won / closed) and the median won amount."""
    done = closed(deals)
    band = discount_band(done.discount_pct)
    wins = won(done)
    table = pd.DataFrame({
        "closed_deals": done.groupby(band).size(),
        "win_rate": done.is_won.astype(bool).groupby(band).mean(),
        "median_won_amount": wins.amount.groupby(band[wins.index]).median(),
    })
    return table.reindex([b for b in DISCOUNT_BANDS if b in table.index])
