"""The datasheet's calibration table: public targets, their source, and the default world's value.

Each target comes from the domain brief's "Calibration targets" and "Benchmarks". A value
outside its range is shown honestly as "not yet (World v2)". Refresh the table with
``crosstrain data claims --markdown`` and paste it into datasets/DATASHEET.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from crosstrain.course.claims import attribution, buying, deals, funnel, marketing, retention, speed
from crosstrain.course.claims.fmt import expected, number
from crosstrain.course.claims.frames import inbound, new_business, rate, ratio, won
from crosstrain.course.claims.registry import Expected, at_least, at_most, between


@dataclass(frozen=True)
class Target:
    what: str
    source: str
    expected: Expected
    statistic: Callable[[object], float]
    unit: str = "share"


def _step(world, before: str, after: str) -> float:
    leads = inbound(world)
    reached = leads[leads[before].notna()]
    return rate(reached[after].notna())


def _sql_to_opportunity(world) -> float:
    leads = world.leads
    return rate(leads.loc[leads["sql_at"].notna(), "opportunity_id"].notna())


def _weekend_wins(world) -> float:
    return rate(won(world)["close_date"].dt.day_of_week >= 5)


# Buyers' clocks: each account country's standard-time offset in hours (as the world's calendar keeps them).
COUNTRY_OFFSETS = {
    "United States": -5, "Canada": -5, "United Kingdom": 0, "Germany": 1, "France": 1, "Netherlands": 1,
    "Sweden": 1, "Spain": 1, "Ireland": 0, "Australia": 10, "Singapore": 8, "Japan": 9, "India": 5.5,
    "New Zealand": 12, "Brazil": -3, "Mexico": -6, "Chile": -4, "Colombia": -5,
}


def _business_hours_leads(world) -> float:
    """Share of leads created on a weekday 08:00-17:59 in the buyer's own time (their country's offset)."""
    leads = world.leads
    local = leads["created_at"] + pd.to_timedelta(leads["country"].map(COUNTRY_OFFSETS).fillna(0), unit="h")
    return rate(local.dt.hour.between(8, 17) & (local.dt.day_of_week < 5))


def _before_start(world) -> float:
    starts = world.users.set_index("user_id")["start_date"]
    deals_ = world.opportunities
    return rate(deals_["created_at"] < deals_["owner_id"].map(starts))


def ae_attainment(world, ramped: bool = False) -> pd.Series:
    """Bookings over quota of each AE employed in the last complete quarter, with the quota
    they had then (``quotas``, phased while ramping); ``ramped``: only AEs fully ramped
    through it."""
    quarter = world.reference_date.to_period("Q") - 1
    quotas = world.quotas[(world.quotas["quarter"] == str(quarter)) & (~ramped | (world.quotas["ramp_pct"] >= 100))]
    quotas = quotas.set_index("user_id")["quota"]
    wins = won(world)
    booked = wins[wins["close_date"].dt.to_period("Q") == quarter].groupby("owner_id")["amount"].sum()
    return booked.reindex(quotas.index, fill_value=0) / quotas


def ramped_attainment(world, quarters: int = 5) -> pd.Series:
    """Bookings over quota of every AE fully ramped through a quarter, one value per AE and
    quarter, over the last ``quarters`` complete quarters (one quarter of about eight ramped
    reps is too few to say where a team lands; five keep the seed-to-seed spread to a few points)."""
    last = world.reference_date.to_period("Q") - 1
    periods = [str(last - k) for k in range(quarters)]
    quotas = world.quotas[world.quotas["quarter"].isin(periods) & (world.quotas["ramp_pct"] >= 100)]
    wins = won(world)
    booked = wins.groupby([wins["close_date"].dt.to_period("Q").astype(str), "owner_id"])["amount"].sum()
    keys = pd.MultiIndex.from_arrays([quotas["quarter"], quotas["user_id"]])
    return pd.Series(booked.reindex(keys, fill_value=0).to_numpy() / quotas["quota"].to_numpy(), index=keys)


def _coverage(world) -> float:
    today = world.reference_date
    quarter = today.to_period("Q")
    opp = new_business(world)
    open_ = opp[~opp["is_closed"] & (opp["close_date"] >= today) & (opp["close_date"] <= quarter.end_time)]
    wins = won(world)
    booked = wins.loc[(wins["close_date"] >= quarter.start_time) & (wins["close_date"] <= today), "amount"].sum()
    return ratio(open_["amount"].sum(), world.users["quarterly_quota"].sum() - booked)


def _segment_share(world, segment: str, column: str | None) -> float:
    opp = new_business(world)
    if column is None:
        return rate(opp["segment"] == segment)
    wins = won(world)
    return ratio(wins.loc[wins["segment"] == segment, column].sum(), wins[column].sum())


TARGETS = [
    Target("Lead to MQL (inbound)", "vendor benchmarks (domain brief, Benchmarks)", between(0.15, 0.30),
           lambda w: rate(inbound(w)["mql_at"].notna())),
    Target("MQL to SAL", "vendor benchmarks (domain brief, Benchmarks)", between(0.40, 0.80), lambda w: _step(w, "mql_at", "sal_at")),
    Target("SAL to SQL", "vendor benchmarks (domain brief, Benchmarks)", between(0.50, 0.70), lambda w: _step(w, "sal_at", "sql_at")),
    Target("SQL to opportunity", "vendor benchmarks (domain brief, Benchmarks)", between(0.50, 0.75), _sql_to_opportunity),
    Target("Win rate, mid-market", "vendor benchmarks (domain brief, Benchmarks)", between(0.20, 0.30),
           lambda w: float(deals.win_rate(w)["mid_market"])),
    Target("Win rate, enterprise", "vendor benchmarks (domain brief, Benchmarks)", between(0.10, 0.20),
           lambda w: float(deals.win_rate(w)["enterprise"])),
    Target("Median won deal, SMB", "suggested default (domain brief)", between(9_000, 15_000),
           lambda w: float(deals.median_amount(w)["smb"]), "money"),
    Target("Median won deal, enterprise", "suggested default (domain brief)", between(60_000, 100_000),
           lambda w: float(deals.median_amount(w)["enterprise"]), "money"),
    Target("Median cycle of won deals, SMB", "suggested default (domain brief)", between(30, 60),
           lambda w: float(deals.median_cycle(w)["smb"]), "days"),
    Target("Median cycle of won deals, enterprise", "suggested default (domain brief)", between(90, 150),
           lambda w: float(deals.median_cycle(w)["enterprise"]), "days"),
    Target("Wins closing in a quarter's last month", "seasonality benchmark (domain brief)", between(0.40, 0.60),
           lambda w: rate(won(w)["close_date"].dt.month % 3 == 0)),
    Target("Search ads CTR", "search-ads benchmarks (domain brief)", between(0.06, 0.07),
           lambda w: marketing.click_rate(w, "paid_search", "impressions")),
    Target("Display ads CTR", "display benchmarks (domain brief)", at_most(0.01),
           lambda w: marketing.click_rate(w, "display", "impressions")),
    Target("E-mail click rate", "e-mail benchmarks (domain brief)", between(0.026, 0.029),
           lambda w: marketing.click_rate(w, "email", "emails_sent")),
    Target("Qualify within an hour vs an hour later", "HBR, The Short Life of Online Sales Leads (2011): about 7x",
           between(3.5, 14), speed.within_hour_vs_hour_later, "ratio"),
    Target("Odds of qualifying, under 5 vs 5-30 minutes", "MIT / InsideSales (2007): 21x", between(10.5, 42),
           speed.mit_qualify_odds, "ratio"),
    Target("Odds that the first call connects, under 5 vs 30+ minutes", "MIT / InsideSales (2007): 100x", at_least(10),
           speed.contact_odds, "ratio"),
    Target("SQLs with a conversation before qualifying", "the SDR process: qualification needs a conversation", at_least(1.0),
           funnel.talked_before_sql),
    Target("Pipeline this quarter over remaining quota", "coverage benchmark (domain brief): about 3-4x", between(3, 4), _coverage, "ratio"),
    Target("AEs at or above quota, last full quarter", "attainment surveys (domain brief): about 43-60%", between(0.43, 0.60),
           lambda w: rate(ae_attainment(w) >= 1)),
    Target("Ramped AEs at or above quota, last five quarters", "attainment surveys (domain brief): roughly half",
           between(0.40, 0.65), lambda w: rate(ramped_attainment(w) >= 1)),
    Target("Ramped AEs between 40% and 150% of quota, last five quarters", "attainment surveys (domain brief): most ramped reps",
           at_least(0.5), lambda w: rate(ramped_attainment(w).between(0.4, 1.5))),
    Target("SMB share of opportunities", "segment mix (domain brief): SMB-heavy counts", at_least(0.4),
           lambda w: _segment_share(w, "smb", None)),
    Target("Enterprise share of won revenue", "segment mix (domain brief): enterprise-heavy revenue", at_least(0.4),
           lambda w: _segment_share(w, "enterprise", "amount")),
    Target("People in an enterprise deal's buying group, mean", "buying groups (domain brief): Gartner, 6-10 people", between(6, 10),
           lambda w: buying.mean_size(w, "enterprise"), "number"),
    Target("People in an SMB deal's buying group, mean", "buying groups (domain brief): fewer in SMB", between(1, 3),
           lambda w: buying.mean_size(w, "smb"), "number"),
    Target("Wins closing on a weekend", "working time (domain brief): business days only", at_most(0.01), _weekend_wins),
    Target("Leads created on weekdays 08:00-17:59, buyer time", "working time (domain brief): mostly business hours", at_least(0.6),
           _business_hours_leads),
    Target("Deals created before their owner's start date", "people (domain brief): work only from the start date", at_most(0.0),
           _before_start),
    Target("Ad clicks after the campaign's flight", "campaigns (domain brief): clicks during the flight", at_most(0.0),
           marketing.late_ad_clicks),
    Target("Webinar and event attendances off the session's day", "campaigns (domain brief): touches on the event's dates", at_most(0.0),
           marketing.sessions_off_date),
    Target("Anonymous touches not web, ad or content", "campaigns (domain brief): e-mail only to existing contacts", at_most(0.0),
           marketing.anonymous_off_channel),
    Target("Won deal's last touch to close, median", "attribution (domain brief): touches continue through the deal", between(0, 10),
           attribution.last_touch_days, "days"),
    # Wider in the smaller segments: a trailing cohort of about 15 enterprise customers moves with one renewal.
    *[Target(f"{metric.upper()}, {label}", f"retention surveys (domain brief): median about {median}", between(*bounds),
             lambda w, s=segment, m=metric: float(retention.by_segment(w)[m][s]))
      for metric, segment, label, median, bounds in (
          ("nrr", "smb", "SMB", "97%", (0.87, 1.07)), ("nrr", "mid_market", "mid-market", "108%", (0.93, 1.23)),
          ("nrr", "enterprise", "enterprise", "118%", (1.0, 1.4)), ("grr", "smb", "SMB", "80%", (0.72, 0.88)),
          ("grr", "mid_market", "mid-market", "88-90%", (0.80, 0.95)), ("grr", "enterprise", "enterprise", "88-90%", (0.82, 0.98)))],
    Target("Highest campaign ROI (W-shaped)", "attribution (domain brief): no campaign above about 20x", at_most(20),
           lambda w: float(attribution.campaign_roi(w).max()), "ratio"),
]


def markdown_table(world) -> str:
    """The calibration table as Markdown, measured on ``world``."""
    lines = [f"Measured on `{world.name}` (seed {world.seed}).", "",
             "| target | public source | range | measured | meets it |", "|---|---|---|---|---|"]
    for target in TARGETS:
        value = float(target.statistic(world))
        verdict = "yes" if target.expected.holds(value) else "not yet (World v2)"
        lines.append(f"| {target.what} | {target.source} | {expected(target.expected, target.unit)} | {number(value, target.unit)} | {verdict} |")
    return "\n".join(lines)
