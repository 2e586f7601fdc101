"""Answers issue 13 listed as mistakes that give the right value on every world the course
generates, so the graders accept them: each claim is the data fact that makes two answers
one (modules/README.md, "Accepted as equivalent"; tests/notebook/exercises/test_issue_cases.py)."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.registry import Claim, at_least, at_most

README = "modules/README.md"


def _open(world) -> pd.DataFrame:
    deals = world.opportunities
    return deals[~deals["is_closed"].fillna(False).astype(bool)]


def _close_dates_with_a_time(world) -> float:
    dates = world.opportunities["close_date"].dropna()
    return float((dates != dates.dt.normalize()).sum())


def _open_deals_due_before_today(world) -> float:
    return float((_open(world)["close_date"] < world.reference_date).sum())


def _open_deals_in_this_quarter_number_of_another_year(world) -> float:
    close, today = _open(world)["close_date"], pd.Timestamp(world.reference_date)
    return float(((close.dt.quarter == today.quarter) & (close.dt.year != today.year)).sum())


def _largest_average_deal_is_best_per_closed_deal(world) -> float:
    deals = world.opportunities
    closed = deals[deals["is_closed"].fillna(False).astype(bool)]
    won = closed[closed["is_won"].fillna(False).astype(bool)]
    per_closed = won.groupby("segment")["amount"].sum() / closed.groupby("segment").size()
    return float(won.groupby("segment")["amount"].mean().idxmax() == per_closed.idxmax())


CLAIMS = [
    Claim("equivalent.close_dates_are_days", README, "a close date is a date, never a time of day",
          "No close date has a time of day, so <= the quarter's last date keeps that day (02 q8).",
          _close_dates_with_a_time, at_most(0), unit="number"),
    Claim("equivalent.open_deals_not_overdue", README, "no open deal is due before the reference date",
          "No open deal has a close date before the reference date, so counting this quarter's open "
          "deals from its first day is counting them from today (06 q1).",
          _open_deals_due_before_today, at_most(0), unit="number"),
    Claim("equivalent.open_deals_within_a_year", README, "no open deal closes in the same quarter of another year",
          "No open deal closes in a quarter with this quarter's number in another year, so "
          ".dt.quarter alone picks this quarter's open deals (06 q1).",
          _open_deals_in_this_quarter_number_of_another_year, at_most(0), unit="number"),
    Claim("equivalent.largest_deal_is_the_icp", README, "the segment with the largest average won deal also brings the most",
          "The segment with the largest average won deal also brings the most won revenue per closed "
          "deal (enterprise), so 01 q7's label is the same either way.",
          _largest_average_deal_is_best_per_closed_deal, at_least(1), unit="number"),
]
