"""Fit the syllabus's workshop minutes into the session a facilitator actually has.

Pure arithmetic, no I/O. Fixed blocks (welcome, wrap-up, a break in long sessions, the
role-play when objection handling is on the plan) come first; module blocks share what
is left. Too little time: every block shrinks in proportion, down to half its syllabus
time; below that, modules are dropped from the end of the list and named as trimmed.
Time to spare: an optional role-play, then longer blocks (up to 1.5x), then a buffer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crosstrain.errors import CrosstrainError

WELCOME = 5
WRAP_UP = 5
BREAK = 10
BREAK_FROM = 100  # sessions this long or longer get a break
ROLEPLAY = 30
MIN_SHARE = 0.5
MAX_SHARE = 1.5
MIN_BLOCK = 10


@dataclass(frozen=True)
class Want:
    """A module block as the syllabus sizes it."""

    module: str
    minutes: int
    roleplay: bool = False  # objection handling: the role-play block is part of it


@dataclass
class Fit:
    blocks: dict[str, int]  # module id -> minutes, in plan order
    roleplay: int = 0
    roleplay_optional: bool = False
    breaks: int = 0
    buffer: int = 0
    trimmed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    welcome: int = WELCOME
    wrap_up: int = WRAP_UP


def fit(wants: list[Want], minutes: int) -> Fit:
    """Minutes per block summing exactly to ``minutes``; see the module docstring."""
    if minutes <= 0:
        raise CrosstrainError(f"--minutes {minutes}: a session needs a positive number of minutes")
    for keep in range(len(wants), 0, -1):
        result = _try(wants[:keep], minutes)
        if result is not None:
            for dropped in wants[keep:]:
                result.trimmed.append(dropped.module)
                result.notes.append(f"trimmed {dropped.module}: its {dropped.minutes}-minute block does not fit even at half time; run it in another session")
            return result
    first = wants[0]
    need = WELCOME + WRAP_UP + max(MIN_BLOCK, round(first.minutes * MIN_SHARE)) + (ROLEPLAY if first.roleplay else 0)
    raise CrosstrainError(f"{minutes} minutes are too few: {first.module} alone needs at least {need} (welcome and wrap-up included)")


def _try(wants: list[Want], minutes: int) -> Fit | None:
    roleplay = ROLEPLAY if any(w.roleplay for w in wants) else 0
    breaks = BREAK if minutes >= BREAK_FROM else 0
    available = minutes - WELCOME - WRAP_UP - breaks - roleplay
    want = sum(w.minutes for w in wants)
    floor = sum(max(MIN_BLOCK, round(w.minutes * MIN_SHARE)) for w in wants)
    if available < floor:
        return None
    result = Fit({}, roleplay=roleplay, breaks=breaks)
    if want > available:
        share = available / want
        result.blocks = _share_out(wants, available, share)
        result.notes.append(f"module blocks scaled to {share:.0%} of their syllabus time to fit {minutes} minutes")
        return result
    spare = available - want
    if not roleplay and spare >= ROLEPLAY:
        result.roleplay, result.roleplay_optional = ROLEPLAY, True
        spare -= ROLEPLAY
    grow = min(spare, round(want * (MAX_SHARE - 1)))
    result.blocks = _share_out(wants, want + grow, (want + grow) / want)
    result.buffer = spare - grow
    if grow:
        result.notes.append(f"module blocks lengthened to {(want + grow) / want:.0%} of their syllabus time (more time for the team exercise)")
    return result


def _share_out(wants: list[Want], total: int, share: float) -> dict[str, int]:
    """Whole minutes in proportion, summing exactly to ``total`` (largest remainders)."""
    exact = [w.minutes * share for w in wants]
    whole = [max(1, int(x)) for x in exact]
    order = sorted(range(len(wants)), key=lambda i: exact[i] - int(exact[i]), reverse=True)
    i = 0
    while sum(whole) < total:
        whole[order[i % len(order)]] += 1
        i += 1
    while sum(whole) > total:
        j = max(range(len(whole)), key=lambda k: whole[k])
        whole[j] -= 1
    return {w.module: m for w, m in zip(wants, whole)}


def split(minutes: int, shares: tuple[float, ...]) -> list[int]:
    """Split a block into parts by ``shares`` (at least one minute each), summing to ``minutes``."""
    raw = [minutes * s for s in shares]
    parts = [max(1, int(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    i = 0
    while sum(parts) < minutes:
        parts[order[i % len(order)]] += 1
        i += 1
    while sum(parts) > minutes and max(parts) > 1:
        parts[parts.index(max(parts))] -= 1
    return parts
