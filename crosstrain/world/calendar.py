"""Working time: business days and hours in each person's region and time zone.

A revenue team works weekdays, 08:00-18:00 local time, not on its region's public
holidays; buyers fill in web forms mostly in their own business hours, with an
evening tail and a little weekend traffic. Stored times stay in the world's one
clock (UTC); each user has a fixed UTC offset (no daylight saving, so a lesson can
convert with one addition) and the holidays of their region.

Everything works on arrays through a *working clock*: ``working(t)`` counts the
working seconds of a calendar up to ``t`` (non-decreasing) and ``real(w)`` turns
such a count back into a time (increasing, always inside working time). Moving a
time forward into working time, adding working hours to it, or drawing a time
between two others inside working hours are then a lookup and some arithmetic, and
ordering between events is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

DAY = 86_400
HOUR = 3_600
WORK_START, WORK_END = 8 * HOUR, 18 * HOUR
WORK_DAY = WORK_END - WORK_START
# Regions in the order of context.REGIONS. A user's UTC offset (hours) is one of their
# region's, taken in turn by user number: New York, Chicago, Los Angeles; London, Berlin;
# Singapore, Sydney; Sao Paulo, Mexico City.
REGION_OFFSETS = {"north_america": (-5, -6, -8), "emea": (0, 1), "apac": (8, 10), "latam": (-3, -6)}
# Public holidays fixed by date (month, day), the same each year; movable feasts are left out.
HOLIDAYS = {
    "north_america": ((1, 1), (7, 4), (12, 25)),
    "emea": ((1, 1), (5, 1), (12, 25), (12, 26)),
    "apac": ((1, 1), (12, 25)),
    "latam": ((1, 1), (5, 1), (12, 25)),
}
REGIONS = tuple(REGION_OFFSETS)
# Buyers' clocks: each account country's standard-time offset, in hours.
COUNTRY_OFFSETS = {
    "United States": -5, "Canada": -5, "United Kingdom": 0, "Germany": 1, "France": 1, "Netherlands": 1,
    "Sweden": 1, "Spain": 1, "Ireland": 0, "Australia": 10, "Singapore": 8, "Japan": 9, "India": 5.5,
    "New Zealand": 12, "Brazil": -3, "Mexico": -6, "Chile": -4, "Colombia": -5,
}
# When buyers arrive through a web form, by local hour: business hours, an evening tail, quiet nights.
ARRIVAL_BY_HOUR = np.array([0.3] * 7 + [1.0] + [6.0] * 10 + [3.0, 3.0, 2.5, 2.0] + [1.0, 0.6])
WEEKEND_KEEP = 0.25  # share of weekend arrivals that stay on the weekend; the rest land on a weekday


@dataclass
class Clock:
    """Whose working time: per row, a region code (for holidays) and a UTC offset in seconds."""

    region: np.ndarray
    offset: np.ndarray

    def take(self, rows: np.ndarray) -> Clock:
        return Clock(self.region[rows], self.offset[rows])


def user_offsets(region: np.ndarray) -> np.ndarray:
    """Each user's UTC offset in hours, from their region, taken in turn by user number."""
    n = len(region)
    table = np.zeros((len(REGIONS), max(len(v) for v in REGION_OFFSETS.values())))
    sizes = np.array([len(REGION_OFFSETS[r]) for r in REGIONS])
    for r, name in enumerate(REGIONS):
        table[r, : sizes[r]] = REGION_OFFSETS[name]
    return table[region, np.arange(n) % sizes[region]]


def country_offsets(country: np.ndarray) -> np.ndarray:
    """UTC offsets in seconds for an array of country names (0 for an unknown one)."""
    # Arrow's hash encoding rather than np.unique, which sorts Python strings: this runs on
    # every account several times a world.
    encoded = pc.dictionary_encode(pa.array(np.asarray(country, dtype=object), pa.string()))
    names = encoded.dictionary.to_pylist()
    table = (np.array([COUNTRY_OFFSETS.get(name, 0) for name in names], dtype=float) * HOUR).astype(np.int64)
    return table[encoded.indices.to_numpy()] if len(names) else np.zeros(len(encoded), dtype=np.int64)


class Calendar:
    """Working days of every region over a span of days, and the working clock on them."""

    def __init__(self, first: int, last: int):
        self.day0 = first // DAY - 7
        days = np.arange(self.day0, last // DAY + 8)
        dates = days.astype("datetime64[D]")
        months = dates.astype("datetime64[M]")
        month_day = (months.astype(np.int64) % 12 + 1) * 100 + (dates - months.astype("datetime64[D]")).astype(np.int64) + 1
        weekday = (days + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
        self.workday = np.array([(weekday < 5) & ~np.isin(month_day, [m * 100 + d for m, d in HOLIDAYS[name]])
                                 for name in REGIONS])
        self.weekday = weekday
        self.before = np.cumsum(self.workday, axis=1) - self.workday  # working days before each day
        counts = self.workday.sum(axis=1)
        self.nth = np.full((len(REGIONS), counts.max()), len(days) - 1)
        for r in range(len(REGIONS)):
            self.nth[r, : counts[r]] = np.flatnonzero(self.workday[r])
        # Flat copies for the working clock, which runs on millions of rows: one gather each.
        self.days = len(days)
        self._worked_before = (self.before * WORK_DAY).ravel()
        self._open = self.workday.ravel()
        self._midnight = ((self.nth + self.day0) * DAY).ravel()

    def _day(self, local: np.ndarray) -> np.ndarray:
        return np.clip(local // DAY - self.day0, 0, len(self.weekday) - 1)

    def working(self, t: np.ndarray, who: Clock) -> np.ndarray:
        """Working seconds of ``who``'s calendar before time ``t``."""
        day, seconds = np.divmod(np.asarray(t, dtype=np.int64) + who.offset, DAY)
        flat = who.region * self.days + np.clip(day - self.day0, 0, self.days - 1)
        within = np.clip(seconds - WORK_START, 0, WORK_DAY) * self._open.take(flat)
        return self._worked_before.take(flat) + within

    def real(self, w: np.ndarray, who: Clock) -> np.ndarray:
        """The time at which ``who`` has worked ``w`` seconds: always inside working time."""
        k, rest = np.divmod(np.asarray(w, dtype=np.int64), WORK_DAY)
        per_region = self.nth.shape[1]
        midnight = self._midnight.take(who.region * per_region + np.clip(k, 0, per_region - 1))
        return midnight + rest + (WORK_START - who.offset)

    def next_working(self, t: np.ndarray, who: Clock) -> np.ndarray:
        """``t`` if it is working time for ``who``, else the start of their next working time."""
        return self.real(self.working(t, who), who)

    def after(self, t: np.ndarray, seconds: np.ndarray, who: Clock) -> np.ndarray:
        """The time ``seconds`` of ``who``'s working time after ``t`` (later than ``t`` when seconds > 0)."""
        return self.real(self.working(t, who) + np.asarray(seconds, dtype=np.int64), who)

    def between(self, begin: np.ndarray, end: np.ndarray, u: np.ndarray, who: Clock) -> np.ndarray:
        """A working time at fraction ``u`` of ``who``'s working time from ``begin`` to ``end``:
        in [begin, end) when there is working time in between, else ``begin`` itself."""
        w0, w1 = self.working(begin, who), self.working(end, who)
        moved = self.real(w0 + (np.asarray(u) * (w1 - w0)).astype(np.int64), who)
        return np.where(w1 > w0, moved, begin)

    def open_at(self, t: np.ndarray, seconds: np.ndarray, who: Clock) -> np.ndarray:
        """``t`` if it is working time for ``who``, else ``seconds`` of working time into their next
        working period (the backlog of a night or weekend is worked through, not at one instant)."""
        return np.where(self.is_working(t, who), t, self.after(t, seconds, who))

    def within(self, t: np.ndarray, limit: np.ndarray, who: Clock) -> np.ndarray:
        """``t`` moved into working time, where that stays at or before ``limit``."""
        moved = self.next_working(t, who)
        return np.where(moved <= limit, moved, t)

    def business_day(self, t: np.ndarray, who: Clock) -> np.ndarray:
        """Midnight (in the world's clock) of ``who``'s first working day on or after ``t``'s local date."""
        d = self._day(np.asarray(t, dtype=np.int64) + who.offset)
        return (self.nth[who.region, np.clip(self.before[who.region, d], 0, self.nth.shape[1] - 1)] + self.day0) * DAY

    def weekday_for_weekend(self, t: np.ndarray, u: np.ndarray, who: Clock) -> np.ndarray:
        """A time on a weekend (in ``who``'s local time) moved to the weekday at fraction ``u`` of
        that week, Monday to Friday; other times unchanged. Spreads what would otherwise pile
        up on the Monday after."""
        t = np.asarray(t, dtype=np.int64)
        weekday = ((t + who.offset) // DAY + 3) % 7
        return np.where(weekday >= 5, t + ((np.asarray(u) * 5).astype(np.int64) - weekday) * DAY, t)

    def is_working(self, t: np.ndarray, who: Clock) -> np.ndarray:
        """Whether each time is inside ``who``'s working hours on a working day."""
        local = np.asarray(t, dtype=np.int64) + who.offset
        seconds = local % DAY
        return self.workday[who.region, self._day(local)] & (seconds >= WORK_START) & (seconds < WORK_END)

    def arrivals(self, t: np.ndarray, offset: np.ndarray, lo: np.ndarray, hi: np.ndarray, rng) -> np.ndarray:
        """Web-form arrival times: each time's local day kept (most weekend days moved to a
        weekday of the same week), its hour drawn from ARRIVAL_BY_HOUR; a time that would leave
        [lo, hi] keeps its original value."""
        # In place where it can be: this runs on every touch (millions of rows), and each
        # temporary array was a fresh, zeroed allocation.
        t = np.asarray(t, dtype=np.int64)
        day = t + offset
        day //= DAY
        weekday = day + 3
        weekday %= 7
        # One draw decides whether a weekend arrival moves and to which weekday of its week.
        v = rng.random(len(day))
        move = np.flatnonzero((weekday >= 5) & (v >= WEEKEND_KEEP))
        day[move] += ((v[move] - WEEKEND_KEEP) / (1 - WEEKEND_KEEP) * 5).astype(np.int64) - weekday[move]
        del v, weekday, move
        # Another gives the time of day: the hour by the profile's inverse CDF, the rest uniform in it.
        u = rng.random(len(day))
        cdf = np.cumsum(ARRIVAL_BY_HOUR / ARRIVAL_BY_HOUR.sum())
        hour = np.searchsorted(cdf, u, side="right")
        np.minimum(hour, 23, out=hour)
        low = np.r_[0.0, cdf][hour]
        width = cdf[hour]
        width -= low
        u -= low
        u /= width
        del low, width
        np.clip(u, 0, 0.9999, out=u)
        u += hour
        u *= HOUR
        moved = day
        moved *= DAY
        moved += u.astype(np.int64)
        moved -= offset
        return np.where((moved >= lo) & (moved <= hi), moved, t)
