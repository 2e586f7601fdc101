"""Claims about speed to lead: qualification by time to first response."""

from __future__ import annotations

from crosstrain.course.claims.frames import mqls, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, at_most, between

DATASHEET = "datasets/DATASHEET.md"
M03 = "modules/03-funnel-handoff/03-funnel-handoff.py"


def sql_rate(world, bucket: str) -> float:
    mql = mqls(world)
    return rate(mql.loc[mql["bucket"] == bucket, "sql"])


def _within_hour_vs_day(world) -> float:
    mql = mqls(world)
    return ratio(rate(mql.loc[mql["hours"] <= 1, "sql"]), rate(mql.loc[mql["hours"] > 24, "sql"]))


def _bucket_claim(bucket: str, anchor: str, low: float, high: float) -> Claim:
    slug = bucket.replace("<", "under_").replace(">", "over_").replace(" ", "").replace("-", "_")
    return Claim(f"speed.sql_rate_{slug}", DATASHEET, anchor,
                 f"MQLs first answered {bucket} after becoming MQLs qualify at the datasheet's rate ({anchor}).",
                 lambda w: sql_rate(w, bucket), between(low, high))


CLAIMS = [
    _bucket_claim("<5 min", "< 5 min about 64%", 0.57, 0.71),
    _bucket_claim("5-30 min", "5-30 min 49%", 0.43, 0.55),
    _bucket_claim("30-60 min", "30-60 min 41%", 0.32, 0.46),
    _bucket_claim("1-24 h", "1-24 h 21%", 0.17, 0.26),
    _bucket_claim(">24 h", "> 24 h 2-4%", 0.0, 0.045),
    Claim("speed.never_answered_never_qualify", DATASHEET, "never 0): the HBR",
          "MQLs nobody answers never become SQLs.",
          lambda w: sql_rate(w, "never"), at_most(0.0)),
    Claim("speed.falls_steeply", DATASHEET, "P(SQL) falls steeply with the hours the buyer waited for a first response",
          "The SQL rate falls from each response-time bucket to the next (smallest step shown).",
          lambda w: min(sql_rate(w, a) - sql_rate(w, b) for a, b in zip(
              ["<5 min", "5-30 min", "30-60 min", "1-24 h"], ["5-30 min", "30-60 min", "1-24 h", ">24 h"])),
          at_least(0.02)),
    Claim("speed.mit_direction", DATASHEET, "MIT (5 vs 30 minutes) findings' direction",
          "Answers under 5 minutes qualify more often than answers at 5-30 minutes (the MIT direction; not yet its size).",
          lambda w: ratio(sql_rate(w, "<5 min"), sql_rate(w, "5-30 min")), at_least(1.15), unit="ratio"),
    Claim("speed.hbr_direction", DATASHEET, "the HBR (within the hour vs a day later)",
          "Answers within the hour qualify many times as often as answers after a day (the HBR direction).",
          _within_hour_vs_day, at_least(10.0), unit="ratio"),
    Claim("speed.minutes_vs_hours", M03, "answers within minutes qualify more than twice as often as answers",
          "Answers under 5 minutes qualify more than twice as often as answers after 1-24 hours.",
          lambda w: ratio(sql_rate(w, "<5 min"), sql_rate(w, "1-24 h")), at_least(2.0), unit="ratio"),
    Claim("speed.after_a_day_almost_never", M03, "MQLs answered after a day almost never become SQLs",
          "MQLs answered after more than 24 hours almost never become SQLs.",
          lambda w: sql_rate(w, ">24 h"), at_most(0.045)),
    Claim("speed.sla_five_minutes", M03, "Leads answered within 5 minutes qualify nearly 3 times as",
          "Leads answered within 5 minutes qualify nearly 3 times as often as after 1-24 hours (sample SLA).",
          lambda w: ratio(sql_rate(w, "<5 min"), sql_rate(w, "1-24 h")), between(2.5, 3.6), unit="ratio"),
]
