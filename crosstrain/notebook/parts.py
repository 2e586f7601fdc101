"""Which parts of a partly right answer are off: "3 of 5 steps right: `lead_to_mql` and `mql_to_sal` are off".

A new hire with five rates and two wrong needs to know which two, not a percentage.
Any answer kind whose answer is one value per key (a dict or a Series) and whose score is
the share of keys right gets this for free: a key is off when putting the expected value
there (and nowhere else) raises the score. Only names are told, never a value.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

MAX_PARTS = 60  # beyond this, naming parts is a list nobody reads


def _as_dict(value: Any) -> dict | None:
    if isinstance(value, pd.Series):
        return dict(zip(value.index.tolist(), value.tolist()))
    return dict(value) if type(value) is dict else None


def parts_off(kind: Any, answer: Any, expected: Any) -> tuple[int, int, list] | None:
    """``(parts right, parts, names of the parts off)``, or None when the answer has no named parts."""
    given, wanted = _as_dict(answer), _as_dict(expected)
    if given is None or not wanted or len(wanted) > MAX_PARTS:
        return None
    try:
        base = kind.score(given, expected)
        off = [key for key in wanted if kind.score({**given, key: wanted[key]}, expected) > base]
    except Exception:  # noqa: BLE001 - a kind that cannot score a dict simply names no parts
        return None
    if not off:
        return None
    return len(wanted) - len(off), len(wanted), off


def part_noun(kind: Any) -> str:
    """What a part is called in the kind's own words ("step", "segment"), else "part"."""
    of = getattr(kind, "of", "")
    if isinstance(of, str) and of and len(of.split()) <= 2 and not of.startswith(("the ", "a ")):
        return of
    return "part"


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun if noun.endswith("s") else noun + "s"


def parts_sentence(kind: Any, right: int, total: int, off: list) -> str:
    """The sentence a learner reads, e.g. "3 of 5 steps right: `a` and `b` are off"."""
    names = [f"`{key}`" for key in off]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{right} of {total} {_plural(part_noun(kind))} right: {listed} {'is' if len(off) == 1 else 'are'} off"
