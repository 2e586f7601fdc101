"""Claims about speed to lead: contact, acceptance and qualification by time to first response."""

from __future__ import annotations

from crosstrain.course.claims.frames import first_calls, mqls, odds, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, at_most, between

DATASHEET = "datasets/DATASHEET.md"
M03 = "modules/03-funnel-handoff/03-funnel-handoff.py"


def sql_rate(world, bucket: str) -> float:
    mql = mqls(world)
    return rate(mql.loc[mql["bucket"] == bucket, "sql"])


def within_hour_vs_hour_later(world) -> float:
    """HBR's comparison: qualification rate of MQLs answered within an hour over 1-2 hours."""
    mql = mqls(world)
    return ratio(rate(mql.loc[mql["hours"] <= 1, "sql"]), rate(mql.loc[mql["hours"].between(1, 2, inclusive="right"), "sql"]))


def mit_qualify_odds(world) -> float:
    """MIT's comparison: odds of qualifying, answered under 5 minutes over 5-30 minutes."""
    return ratio(odds(sql_rate(world, "<5 min")), odds(sql_rate(world, "5-30 min")))


def contact_odds(world) -> float:
    """Odds that the first call connects, placed under 5 minutes after the MQL over 30 minutes or later."""
    calls = first_calls(world)
    fast = rate(calls.loc[calls["minutes"] < 5, "connected"])
    late = rate(calls.loc[calls["minutes"] >= 30, "connected"])
    return ratio(odds(fast), odds(late))


def _within_hour_vs_day(world) -> float:
    mql = mqls(world)
    return ratio(rate(mql.loc[mql["hours"] <= 1, "sql"]), rate(mql.loc[mql["hours"] > 24, "sql"]))


def _acceptance_fast_vs_day(world) -> float:
    mql = mqls(world)
    accepted = mql["sal_at"].notna()
    return ratio(rate(accepted[mql["bucket"] == "<5 min"]), rate(accepted[mql["bucket"] == ">24 h"]))


def _bucket_claim(bucket: str, anchor: str, low: float, high: float) -> Claim:
    slug = bucket.replace("<", "under_").replace(">", "over_").replace(" ", "").replace("-", "_")
    return Claim(f"speed.sql_rate_{slug}", DATASHEET, anchor,
                 f"MQLs first answered {bucket} after becoming MQLs qualify at the datasheet's rate ({anchor}).",
                 lambda w: sql_rate(w, bucket), between(low, high))


CLAIMS = [
    _bucket_claim("<5 min", "< 5 min about 70%", 0.62, 0.78),
    _bucket_claim("5-30 min", "5-30 min 12%", 0.06, 0.21),
    _bucket_claim("30-60 min", "30-60 min 7-12%", 0.03, 0.23),
    _bucket_claim("1-24 h", "1-24 h 8%", 0.05, 0.12),
    _bucket_claim(">24 h", "> 24 h 1-4%", 0.0, 0.06),
    Claim("speed.never_answered_never_qualify", DATASHEET, "never 0): the HBR",
          "MQLs nobody answers never become SQLs.",
          lambda w: sql_rate(w, "never"), at_most(0.0)),
    Claim("speed.falls_steeply", DATASHEET, "P(SQL) falls off a cliff within the first half hour",
          "The SQL rate drops by far more from under 5 minutes to 5-30 minutes than from 5-30 minutes to over a day.",
          lambda w: ratio(sql_rate(w, "<5 min") - sql_rate(w, "5-30 min"), sql_rate(w, "5-30 min") - sql_rate(w, ">24 h")),
          at_least(3.0), unit="ratio"),
    Claim("speed.mit_qualify_odds", DATASHEET, "the MIT (5 vs 30 minutes) odds of qualifying",
          "Answers under 5 minutes give 10-42x the odds of qualifying of answers at 5-30 minutes (MIT: 21x, within a factor of two).",
          mit_qualify_odds, between(10.5, 42), unit="ratio"),
    Claim("speed.hbr_hour", DATASHEET, "the HBR (within the hour vs an hour later, about 7x",
          "Answers within the hour qualify 3.5-14x as often as answers one to two hours later (HBR: about 7x, within a factor of two).",
          within_hour_vs_hour_later, between(3.5, 14), unit="ratio"),
    Claim("speed.hbr_day", DATASHEET, "over 60x when compared with a day later",
          "Answers within the hour qualify many times as often as answers after a day (HBR: over 60x).",
          _within_hour_vs_day, at_least(12.0), unit="ratio"),
    Claim("speed.mit_contact_odds", DATASHEET, "a first call placed under 5 minutes",
          "A first call placed under 5 minutes after the MQL has over 10x the odds of connecting of one placed 30 minutes or later.",
          contact_odds, at_least(10.0), unit="ratio"),
    Claim("speed.acceptance_falls", DATASHEET, "acceptance falls with the wait too",
          "MQLs answered under 5 minutes are accepted more often than those answered after a day (acceptance needs a conversation).",
          _acceptance_fast_vs_day, at_least(1.25), unit="ratio"),
    Claim("speed.minutes_vs_hours", M03, "qualify about eight times as often as answers after 1-24 hours",
          "Answers under 5 minutes qualify over 5 times as often as answers after 1-24 hours.",
          lambda w: ratio(sql_rate(w, "<5 min"), sql_rate(w, "1-24 h")), at_least(5.0), unit="ratio"),
    Claim("speed.after_a_day_almost_never", M03, "answered after a day almost never become SQLs",
          "MQLs answered after more than 24 hours almost never become SQLs.",
          lambda w: sql_rate(w, ">24 h"), at_most(0.06)),
    Claim("speed.sla_five_minutes", M03, "Leads answered within 5 minutes qualify about 8 times as",
          "Leads answered within 5 minutes qualify about 8 times as often as after 1-24 hours (sample SLA).",
          lambda w: ratio(sql_rate(w, "<5 min"), sql_rate(w, "1-24 h")), between(6, 11), unit="ratio"),
]
