"""Who works here when: start and end dates, ramp, and owners picked among the people employed.

Every piece of work (a lead's first response, an activity, a deal) goes to a rep of the
right role and segment who is employed at that moment, weighted by how far the rep has
ramped and by a per-rep skill; a rep who leaves hands open work to a colleague.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world.context import DAY, Context, quarter_bounds

NEVER = -1
# The AE's index in people.ROLES (people imports this module).
AE_ROLE = 2
WEEK = 7 * DAY
# Months to full productivity (Bridge Group: AE about 5, SDR about 3); other roles 2.
RAMP_MONTHS = {"sdr": 3, "ae": 5}
MONTH = 30.4 * DAY
# Share of each selling role that left during the window (and was replaced by a hire).
LEAVER_SHARE = {"sdr": 0.35, "ae": 0.2}
# Share of today's team hired during the window.
HIRE_SHARE = 0.3
# Step of the round-robin over a segment's reps (the golden ratio's fraction spreads it evenly).
GOLDEN = 0.6180339887498949
# Spread of rep skill (lognormal sigma): how much more work and success one rep draws than another
# (at 0.2, together with a few deals a quarter, under half of ramped AEs landed within 40-150% of quota).
SKILL_SIGMA = 0.12


def seats(count: int, workload, capacity) -> np.ndarray:
    """The segment of each of ``count`` seats, in turn, so that headcount per segment follows the
    territory plan: planned opportunities a quarter over what one ramped rep works
    (largest remainder)."""
    need = np.asarray(workload, dtype=float) / np.asarray(capacity, dtype=float)
    exact = count * need / need.sum()
    heads = np.floor(exact).astype(int)
    heads[np.argsort(heads - exact, kind="stable")[: count - heads.sum()]] += 1
    # Interleave the segments, as the rest of the team is listed.
    order = np.argsort(np.concatenate([(np.arange(h) + 0.5) / h for h in heads]), kind="stable")
    return np.repeat(np.arange(len(heads)), heads)[order]


def ramp_of(ctx: Context, users: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Ramp (0-1) of each user at time ``t``: linear from the start date over the role's ramp."""
    months = ctx.state["user_ramp_months"][users]
    return np.clip((t - ctx.state["user_start"][users]) / (months * MONTH), 0.0, 1.0)


def employed(ctx: Context, users: np.ndarray, t: np.ndarray, notice: int = 0) -> np.ndarray:
    """Employed at ``t`` and, with ``notice`` (seconds), not leaving within it."""
    st = ctx.state
    end = st["user_end"][users]
    return (st["user_start"][users] <= t) & ((end == NEVER) | (t + notice < end))


def draw_dates(ctx: Context, role: np.ndarray, segment: np.ndarray, rng) -> tuple:
    """Start and end dates (epoch seconds, ``NEVER`` for no end) of today's team.
    Starts fall on a Monday, as people start.

    The first rep of each role and segment joined before the window, so someone always
    covers the segment."""
    n = len(role)
    window = ctx.now - ctx.start
    tenured = ctx.start - rng.integers(30, 4 * 365, n) * DAY
    hired = ctx.start + (rng.random(n) * (window - 45 * DAY)).astype(np.int64)
    key = role * 10 + segment
    first = np.zeros(n, dtype=bool)
    first[np.unique(key, return_index=True)[1]] = True
    start = np.where(~first & (rng.random(n) < HIRE_SHARE), hired, tenured)
    # Teams hire all the time: the last AE joined in the last weeks of the last complete
    # quarter, on a phased quota with nothing booked yet (module 02 counts such reps at 0%).
    aes = np.flatnonzero((role == AE_ROLE) & ~first)
    if len(aes):
        start[aes[-1]] = quarter_bounds(np.array([ctx.now]))[0][0] - 17 * DAY
    return _monday(start), np.full(n, NEVER, dtype=np.int64)


def draw_leavers(ctx: Context, count: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """Start and end dates of ``count`` reps who joined before the window and left during it."""
    start = ctx.start - rng.integers(60, 3 * 365, count) * DAY
    end = ctx.start + 45 * DAY + (rng.random(count) * (ctx.now - ctx.start - 75 * DAY)).astype(np.int64)
    return _monday(start), _monday(end)


def _monday(t: np.ndarray) -> np.ndarray:
    """The Monday (00:00) on or before ``t``; 1970-01-01 was a Thursday."""
    days = t // DAY
    return (days - (days + 3) % 7) * DAY


def pick(ctx: Context, pool: np.ndarray, t: np.ndarray, rng, notice: int = 0, balanced: bool = False) -> np.ndarray:
    """One user of ``pool`` per time in ``t``, among those employed then (and not leaving
    within ``notice`` seconds), weighted by ramp and skill. ``balanced`` routes in turn (a
    round-robin in time order) rather than at random, so each rep's share of the work is
    close to their weight's, as a territory's routing rule makes it.

    Weights are constant between breakpoints (each week and every start and end date), so
    the draw is one ``searchsorted`` over the breakpoints' cumulative weights."""
    st = ctx.state
    if len(t) == 0:
        return np.empty(0, dtype=np.int64)
    low, high = min(int(t.min()), int(st["user_start"][pool].min())), int(t.max()) + WEEK
    ends = st["user_end"][pool]
    breaks = np.unique(np.r_[np.arange(low, high, WEEK), st["user_start"][pool], ends[ends != NEVER] - notice, high])
    mid = (breaks[:-1] + breaks[1:]) // 2
    # Each interval's weights (intervals x pool): employed, ramped (at least a fifth), skilled.
    grid = np.broadcast_to(pool, (len(mid), len(pool)))
    at = mid[:, None]
    weight = np.maximum(ramp_of(ctx, grid, at), 0.2) * st["user_skill"][pool]
    w = employed(ctx, grid, at, notice) * weight
    # Everyone employed is on notice: one of them all the same.
    short = w.sum(axis=1) == 0
    w[short] = (employed(ctx, grid, at) * weight)[short]
    total = w.sum(axis=1)
    empty = total == 0
    w[empty] = 1.0  # nobody employed: anyone of the pool (never happens with the tenured first rep)
    cum = np.cumsum(w, axis=1) / w.sum(axis=1, keepdims=True)
    k = np.clip(np.searchsorted(breaks, t, side="right") - 1, 0, len(mid) - 1)
    flat = (cum + 2.0 * np.arange(len(mid))[:, None]).ravel()
    u = rng.random(len(t))
    if balanced:
        u[np.argsort(t, kind="stable")] = (np.arange(len(t)) * GOLDEN + u[0]) % 1.0
    chosen = np.searchsorted(flat, u + 2.0 * k, side="right") - k * len(pool)
    return pool[np.clip(chosen, 0, len(pool) - 1)]


def pick_by_segment(ctx: Context, pools: dict[int, np.ndarray], segment: np.ndarray, t: np.ndarray, rng,
                    notice: int = 0, balanced: bool = False) -> np.ndarray:
    """``pick`` within each row's segment."""
    owner = np.empty(len(t), dtype=np.int64)
    for seg, pool in pools.items():
        rows = np.flatnonzero(segment == seg)
        owner[rows] = pick(ctx, pool, t[rows], rng, notice, balanced)
    return owner


def keep_or_pick(ctx: Context, pools: dict[int, np.ndarray], owner: np.ndarray, segment: np.ndarray,
                 t: np.ndarray, rng, notice: int = 0) -> np.ndarray:
    """``owner`` where employed at ``t`` (and not leaving within ``notice``); otherwise a
    colleague of the segment employed then."""
    gone = ~employed(ctx, owner, t, notice)
    out = owner.copy()
    out[gone] = pick_by_segment(ctx, pools, segment[gone], t[gone], rng, notice)
    return out
