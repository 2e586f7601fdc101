"""Numbers for people: shares as %, ratios as 2.9x, money as $12.3k."""

from __future__ import annotations

import math

from crosstrain.course.claims.registry import Expected


def number(value: float | None, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if unit == "share":
        if abs(value) < 0.01 and value:
            return f"{value:.2%}"
        return f"{value:.1%}" if abs(value) < 0.1 else f"{value:.0%}"
    if unit == "ratio":
        if abs(value) >= 10:
            return f"{value:.0f}x"
        return f"{value:.2f}x" if abs(value) < 2 else f"{value:.1f}x"
    if unit == "money":
        return f"${value / 1000:,.1f}k" if abs(value) < 1_000_000 else f"${value / 1e6:,.2f}M"
    if unit == "days":
        return f"{value:.0f} d"
    if unit == "hours":
        return f"{value:.2f} h"
    return f"{value:,.2f}"


def expected(range_: Expected, unit: str) -> str:
    low, high = range_.low, range_.high
    if low is not None and high is not None:
        return f"{number(low, unit)} to {number(high, unit)}"
    if low is not None:
        return f">= {number(low, unit)}"
    return f"<= {number(high, unit)}"
