"""Working time: the calendar itself, and the world's times checked against each owner's hours.

Each test would have caught one defect of the world before the calendar: times spread
evenly over all hours and days, wins closing on weekends, close dates with a time of day,
and the raw variant's stale close dates falling before a deal was created.
"""

from __future__ import annotations

import csv
import json
import re

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from crosstrain.world.calendar import COUNTRY_OFFSETS, HOLIDAYS, REGION_OFFSETS, REGIONS, WORK_END, WORK_START, Calendar, Clock
from crosstrain.world.generate import generate
from crosstrain.world.load import World
from crosstrain.world.recipe import load_recipe

DAY = 86_400
START = int(pd.Timestamp("2024-01-01").timestamp())


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return World(generate(load_recipe("tiny").with_overrides(leads=6000), tmp_path_factory.mktemp("cal") / "w", progress=False))


@pytest.fixture(scope="module")
def raw_world(tmp_path_factory) -> World:
    return World(generate(load_recipe("tiny").with_overrides(leads=30000), tmp_path_factory.mktemp("cal") / "raw",
                          variant="raw", progress=False))


def local(times: pd.Series, offset_hours: pd.Series) -> pd.Series:
    return times + pd.to_timedelta(offset_hours.to_numpy(), unit="h")


def is_holiday(days: pd.Series, regions: pd.Series) -> pd.Series:
    key = days.dt.month * 100 + days.dt.day
    table = {region: {m * 100 + d for m, d in dates} for region, dates in HOLIDAYS.items()}
    return pd.Series([k in table[r] for k, r in zip(key, regions)], index=days.index, dtype=bool)


def in_working_hours(world: World, times: pd.Series, owner_ids: pd.Series) -> pd.Series:
    """Whether each time falls on a working day, 08:00-18:00, in its owner's time zone and region."""
    users = world.users.set_index("user_id")
    at = local(times, owner_ids.map(users["utc_offset_hours"]))
    hour = at.dt.hour
    open_hours = (at.dt.day_of_week < 5) & (hour >= WORK_START // 3600) & (hour < WORK_END // 3600)
    return open_hours & ~is_holiday(at.dt.normalize(), owner_ids.map(users["region"]))


# -- the calendar on its own ---------------------------------------------------

def clock(n: int, rng) -> Clock:
    return Clock(rng.integers(0, len(REGIONS), n), rng.choice([-8, -5, 0, 1, 10], n) * 3600)


def test_moving_into_working_time_keeps_the_order_of_events():
    rng = np.random.default_rng(1)
    cal = Calendar(START, START + 800 * DAY)
    t = np.sort(rng.integers(START, START + 700 * DAY, 5000))
    who = Clock(np.full(5000, 1), np.full(5000, 3600))
    moved = cal.next_working(t, who)
    assert (moved >= t).all() and (np.diff(moved) >= 0).all()
    assert cal.is_working(moved, who).all()
    later = cal.after(t, np.full(5000, 60), who)
    assert (later > t).all() and cal.is_working(later, who).all()


def test_between_stays_inside_the_interval_and_working_time():
    rng = np.random.default_rng(2)
    cal = Calendar(START, START + 800 * DAY)
    who = clock(4000, rng)
    begin = cal.next_working(rng.integers(START, START + 600 * DAY, 4000), who)
    end = begin + rng.integers(3 * DAY, 90 * DAY, 4000)
    t = cal.between(begin, end, rng.random(4000), who)
    assert (t >= begin).all() and (t < end).all() and cal.is_working(t, who).all()


def test_business_days_skip_weekends_and_holidays():
    cal = Calendar(START, START + 1200 * DAY)
    christmas_noon = int(pd.Timestamp("2026-12-25 12:00").timestamp())  # a Friday
    who = Clock(np.array([REGIONS.index("emea")]), np.array([0]))
    day = cal.business_day(np.array([christmas_noon]), who)
    assert pd.Timestamp(day[0], unit="s") == pd.Timestamp("2026-12-28")  # 25th, 26th and the weekend skipped


def test_users_have_a_time_zone_of_their_region(world):
    users = world.users
    allowed = users["region"].map(REGION_OFFSETS)
    assert all(offset in options for offset, options in zip(users["utc_offset_hours"], allowed))
    assert users["utc_offset_hours"].nunique() > 2


# -- the world against the calendar ------------------------------------------

def test_inbound_leads_arrive_in_business_hours_with_an_evening_tail(world):
    leads = world.leads
    inbound = leads[leads["source_channel"] != "outbound"]
    at = local(inbound["created_at"], inbound["country"].map(COUNTRY_OFFSETS))
    weekday, hour = at.dt.day_of_week < 5, at.dt.hour
    assert (weekday & hour.between(8, 17)).mean() > 0.6
    assert 0.05 < (weekday & hour.between(18, 21)).mean() < 0.25  # evening web traffic
    assert 0.02 < (~weekday).mean() < 0.15
    assert hour.value_counts(normalize=True).max() < 0.12  # a profile, not one spike


def test_outbound_leads_are_created_in_the_sdrs_working_time(world):
    outbound = world.leads[world.leads["source_channel"] == "outbound"]
    assert len(outbound) > 100
    assert in_working_hours(world, outbound["created_at"], outbound["owner_id"]).all()


def test_sdr_responses_and_activities_fall_in_the_owners_working_hours(world):
    leads = world.leads
    answered = leads[leads["first_response_at"].notna()]
    assert len(answered) > 200
    assert in_working_hours(world, answered["first_response_at"], answered["owner_id"]).all()
    for column in ("sal_at", "sql_at"):
        done = leads[leads[column].notna()]
        assert in_working_hours(world, done[column], done["owner_id"]).all(), column
    activities = world.activities
    assert in_working_hours(world, activities["occurred_at"], activities["owner_id"]).mean() > 0.99
    # a note is written by whoever owned the deal then (an AE who left handed it over)
    owners = world.opportunity_history[["opportunity_id", "changed_at", "owner_id"]].sort_values("changed_at")
    notes = pd.merge_asof(world.call_notes.sort_values("occurred_at"), owners, left_on="occurred_at",
                          right_on="changed_at", by="opportunity_id", direction="backward")
    assert in_working_hours(world, notes["occurred_at"], notes["owner_id"]).mean() > 0.99


def test_no_won_deal_closes_on_a_weekend_or_holiday(world):
    deals = world.opportunities
    won = deals[deals["is_won"]]
    assert len(won) > 20
    owner_region = won["owner_id"].map(world.users.set_index("user_id")["region"])
    assert (won["close_date"].dt.day_of_week < 5).all()
    assert not is_holiday(won["close_date"], owner_region).any()


def test_close_dates_are_dates(world):
    for table in ("opportunities", "opportunity_history"):
        close = world.table(table)["close_date"]
        assert (close == close.dt.normalize()).all(), table
        assert str(pq.read_schema(world.path / "parquet" / f"{table}.parquet").field("close_date").type) == "date32[day]"
        with open(world.path / "csv" / f"{table}.csv", newline="") as handle:
            written = [row["close_date"] for row in csv.DictReader(handle)]
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) for value in written), table
    deals = world.opportunities
    ref = world.reference_date
    assert ((deals["close_date"] <= str(ref.date())) == (deals["close_date"] <= ref)).all()
    assert (deals["close_date"] >= deals["created_at"]).all()


def test_open_deals_are_expected_after_the_reference_date(world):
    deals = world.opportunities
    open_deals = deals[~deals["is_closed"]]
    assert len(open_deals) and (open_deals["close_date"] > world.reference_date).all()


def test_raw_stale_close_dates_never_fall_before_creation(raw_world):
    deals = raw_world.opportunities
    faults = json.loads((raw_world.path / "world.json").read_text())["faults"]
    recent_open = ~deals["is_closed"] & (deals["created_at"] > raw_world.reference_date - pd.Timedelta(days=60))
    assert recent_open.sum() > 20  # deals a careless stale date could have put before their creation
    assert faults["open_deals_past_close"] > 0
    before = deals["close_date"] < deals["created_at"]
    assert not (before & ~deals["is_closed"]).any()
    stale = ~deals["is_closed"] & (deals["close_date"] < raw_world.reference_date)
    assert stale.sum() == faults["open_deals_past_close"]
    assert before.sum() == faults["close_before_created"]
