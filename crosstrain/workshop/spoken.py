"""An exercise's expected answer as a trainer reads it aloud, not as Python prints it.

The facilitator notes put each answer in a table cell a trainer without a data person reads
to the room: "$2.9M" and "72%", never ``2.886e+06`` or ``0.7236``; a mapping grouped by its
answer ("marketing: lead, mql"); and a long list (160 campaign ROIs) as its top five with
the rest summarised. The answer kind says what a number is (a rate, money, a count), and
the words the kind uses ("ROI", "coverage ratio", "cost per SQL") say the rest.
"""

from __future__ import annotations

import math
import re
from typing import Any

TOP = 5  # a list longer than LONG shows its top five and a summary of the rest
LONG = 7
MONEY_WORDS = ("cost", "amount", "revenue", "pipeline", "cac", "ltv", "budget", "commit", "deal size", "best_case", "best-case",
               "velocity", "sourced", "influenced", "credit")
TIMES_WORDS = ("coverage", "ltv:cac", "ltv_to_cac")
PERCENT_WORDS = ("attainment", "observed / needed", "ratio of", "vs_plan", "share", "rate")


def unit_of(kind: Any, key: str = "") -> str:
    """What one number of ``kind`` is: percent, signed (an ROI), times, money, count, days or number."""
    name = type(kind).__name__
    words = " ".join(str(getattr(kind, a, "")) for a in ("of", "measure", "what", "value")).lower() + " " + key.lower()
    if "roi" in words:
        return "signed"
    if name in ("Share", "RateTable") or getattr(kind, "share", False) or getattr(kind, "value", "") == "share":
        return "percent"
    if name in ("Count", "ScoreCount") or getattr(kind, "value", "") == "count" or "number of" in words:
        return "count"
    if name == "Days" or "month" in words or "days" in words:
        return "days" if name == "Days" else "number"
    if any(w in words for w in TIMES_WORDS) or name == "CoverageNeeded":
        return "times"
    if name == "Credit" or getattr(kind, "value", "") == "amount" or any(w in words for w in MONEY_WORDS):
        return "money"
    if any(w in words for w in PERCENT_WORDS):
        return "percent"
    return "number"


def number(value: float, unit: str) -> str:
    """One number in ``unit``, rounded the way a slide would show it."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if not math.isfinite(value):
        return "none (nothing to divide by)"
    if unit == "percent":
        return f"{value:.1%}"
    if unit == "signed":
        return f"{value:+.0%}"
    if unit == "times":
        return f"{value:.1f}x"
    if unit == "money":
        return _money(value)
    if unit == "count" or isinstance(value, int):
        return f"{value:,.0f}"
    if unit == "days":
        return f"{value:,.1f} days"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.3g}" if abs(value) < 10 else f"{value:,.1f}"


def _money(value: float) -> str:
    """Whole dollars with thousands separators (cents only under $100): precise enough to check a learner's."""
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}" if abs(value) < 100 and value != int(value) else f"{sign}${abs(value):,.0f}"


def spoken(value: Any, kind: Any = None, key: str = "") -> str:
    """``value`` (an exercise's expected answer) in words a trainer reads aloud."""
    parts = getattr(kind, "parts", None)
    if isinstance(value, dict) and parts:
        kinds = dict(parts)
        long = sum(isinstance(v, dict) and len(v) > LONG for v in value.values()) > 1  # two long lists share a cell
        return "; ".join(f"{k}: {_mapping(v, kinds.get(k), k, 3) if long and isinstance(v, dict) else spoken(v, kinds.get(k), k)}"
                         for k, v in value.items())
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return _mapping(value, kind, key)
    if isinstance(value, (list, tuple)):
        return _sequence(value, kind, key)
    shape = getattr(value, "shape", None)
    if shape is not None:
        return f"a table of {shape[0]:,} rows: see the module's solution"
    if isinstance(value, (int, float)):
        return number(value, unit_of(kind, key))
    return str(value)[:200]


def _mapping(value: dict, kind: Any, key: str, top: int = TOP) -> str:
    numbers = {k: v for k, v in value.items() if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)}
    if len(value) <= LONG or len(numbers) < len(value):  # short, or an answer key of labels: every entry
        labels = {v for v in value.values() if isinstance(v, str)}
        if value and len(labels) == len(value.values()) == len(value) or not labels or len(labels) * 1.5 > len(value):
            return ", ".join(f"{k}: {_item(v, kind, str(k))}" for k, v in value.items())
        groups: dict[str, list[str]] = {}  # a mapping onto few labels reads best grouped by label
        for k, v in value.items():
            groups.setdefault(str(v), []).append(str(k))
        return "; ".join(f"{v}: {', '.join(ks)}" for v, ks in groups.items())
    unit = unit_of(kind, key)
    ranked = sorted(numbers, key=lambda k: -numbers[k])
    best, rest = ranked[:top], ranked[top:]
    shown = ", ".join(f"{k}: {number(numbers[k], unit)}" for k in best)
    low, high = min(numbers[k] for k in rest), max(numbers[k] for k in rest)
    if unit == "money" and low >= 0:
        summary = f"the other {len(rest)} together {number(sum(numbers[k] for k in rest), unit)}"
    else:
        summary = f"the other {len(rest)} from {number(low, unit)} to {number(high, unit)}"
    return f"top {top} of {len(value):,}: {shown}; {summary}"


def _item(value: Any, kind: Any, key: str) -> str:
    """One entry of a short mapping: a number in the unit its own key implies (a plan's budget), a
    label as it is (an answer key's "bant.authority + meddpicc.economic_buyer", not a quoted string)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value, unit_of(kind, key))
    if isinstance(value, str):
        return value.replace(";", " + ")
    return spoken(value, kind, key)


def _sequence(value: list | tuple, kind: Any, key: str) -> str:
    if all(isinstance(v, (int, float)) for v in value) and type(kind).__name__ == "Days":
        return " or ".join(number(v, "days") for v in value) + " (decimal or whole days)"
    if all(isinstance(v, (list, tuple)) and len(v) == 2 for v in value):  # ranked (label, count) pairs
        shown = ", ".join(f"{label} ({number(n, 'count')})" for label, n in value[:TOP])
        return shown + (f", and {len(value) - TOP} more" if len(value) > TOP else "")
    if all(isinstance(v, (int, float)) for v in value):
        return " or ".join(number(v, unit_of(kind, key)) for v in value)
    shown = ", ".join(spoken(v, kind, key) for v in value[:TOP])
    return shown + (f", and {len(value) - TOP} more" if len(value) > TOP else "")


# -- the graders' words, for the room ---------------------------------------------------

GLOSSARY = {  # the CRM's column names, as a trainer says them
    "world.reference_date": "the CRM's today", "created_at": "the creation time", "mql_at": "the time it became an MQL",
    "actual_cost": "the actual cost", "lead_id": "the lead's id", "owner_id": "owner",
    "close_date": "close date", "fit_score": "fit score", "engagement_score": "engagement score",
}
_CODE_ASIDE = re.compile(r"\s*\([^()]*(?:\.[a-z]|\b[a-z]+_[a-z_]+\b|\bidxmax\b|\bgroupby\b|\bpandas\b|[<>]=?\s*\d)[^()]*\)")
_IDENTIFIER = re.compile(r"\b([a-z]+(?:_[a-z]+)+)\b")


def plain_words(text: str) -> str:
    """A known mistake as a trainer reads it aloud: code asides dropped, column names in words.

    "dropped the never-answered MQLs (pd.cut leaves them out of the groupby)" becomes
    "dropped the never-answered MQLs"; "from created_at instead of mql_at" becomes
    "from the creation time instead of the time it became an MQL".
    """
    text = _CODE_ASIDE.sub("", text)
    for name, words in GLOSSARY.items():
        text = text.replace(name, words)
    return _IDENTIFIER.sub(lambda m: m.group(1).replace("_", " "), text)
