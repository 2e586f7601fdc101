"""AE quotas, set top-down from the company plan and phased for new hires.

The plan gives every segment a quarterly bookings target per fully ramped AE (the
company's bookings per ramped AE in that segment over the last four complete quarters,
times ``STRETCH``); a rep's
quota in a quarter is that target times the share of the quarter they were employed and
their average ramp over it (new AEs ramp over five months). A rep's own bookings never
enter their quota, so attainment varies the way real teams' does.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world import staffing
from crosstrain.world.columns import Ref
from crosstrain.world.context import DAY, Context, quarter_bounds
from crosstrain.world.people import ROLES

# The plan: 97% of what the segment booked per ramped rep over the last year. A rep's quarter
# is a handful of deals of skewed size, so the median rep books less than the mean: at 1.1 only
# about 37% of ramped reps reached quota, at 0.97 about half do (claims people.ramped_*), and the
# pipeline still covers the remaining quota 3-4x (3.9x on the default world).
STRETCH = 0.97
# Points a quarter is sampled at to average employment and ramp over it.
SAMPLES = 26


def quarters(ctx: Context) -> np.ndarray:
    """Start of every quarter from the window's first to the current one, and the next."""
    first, _, _ = quarter_bounds(np.array([ctx.start]))
    out = [int(first[0])]
    while out[-1] <= ctx.now:
        out.append(int(quarter_bounds(np.array([out[-1]]))[2][0]))
    return np.array(out)


def build_quotas(ctx: Context) -> None:
    st = ctx.state
    bounds = quarters(ctx)
    starts, ends = bounds[:-1], bounds[1:]
    aes = np.flatnonzero(st["user_role"] == ROLES.index("ae"))
    # Employment share and average ramp of each AE over each quarter (quarters x AEs).
    frac = (np.arange(SAMPLES) + 0.5) / SAMPLES
    t = starts[:, None] + (frac[None, :] * (ends - starts)[:, None]).astype(np.int64)  # quarters x samples
    grid_t = np.broadcast_to(t[:, :, None], t.shape + (len(aes),))
    grid_u = np.broadcast_to(aes, grid_t.shape)
    on = staffing.employed(ctx, grid_u, grid_t)
    ramp = staffing.ramp_of(ctx, grid_u, grid_t) * on
    share = on.mean(axis=1)
    ramp_pct = np.divide(ramp.sum(axis=1), on.sum(axis=1), out=np.zeros(share.shape), where=on.any(axis=1))
    # As the table shows it (to 0.1%), so a rep shown 100% ramped carries the full plan quota.
    ramp_pct = np.round(ramp_pct, 3)
    fte = share * ramp_pct
    won = st["opp_won"]
    quarter = np.searchsorted(bounds, st["opp_close"][won], side="right") - 1
    owner_segment = st["user_segment"][st["opp_owner"][won]]
    segment = st["user_segment"][aes]
    # The plan's quarters: the four complete ones before the current (a plan looks at the year behind it).
    complete = (ends <= ctx.now) & (starts >= starts[-1] - 368 * DAY)
    target = np.array([_plan(ctx, bounds, complete, fte[:, segment == seg], owner_segment == seg, quarter, seg)
                       for seg in range(len(ctx.segments))])
    quota = np.maximum(np.round(target[segment][None, :] * fte, -2), 100)
    q, a = np.nonzero(share > 0)
    labels = [f"{y}Q{m // 3 + 1}" for y, m in zip(starts.astype("datetime64[s]").astype("datetime64[Y]").astype(int) + 1970,
                                                   starts.astype("datetime64[s]").astype("datetime64[M]").astype(int) % 12)]
    ctx.tables["quotas"] = {
        "user_id": Ref(aes[a], "users"),
        "quarter": np.array(labels, dtype=object)[q],
        "quota": quota[q, a],
        "ramp_pct": np.round(100 * ramp_pct[q, a], 1),
    }
    # The users table carries this quarter's quota of each AE still employed.
    current = ctx.tables["users"]["quarterly_quota"]
    active = st["user_end"][aes] == staffing.NEVER
    current[aes[active]] = quota[-1, active]


def _plan(ctx: Context, bounds, complete, fte, mine, quarter, seg) -> float:
    """A fully ramped AE's quarterly target in segment ``seg``: the segment's bookings per ramped
    AE over the plan's quarters; over the whole window if those booked nothing (a small world);
    one median deal a quarter if nothing was ever booked."""
    st = ctx.state
    amount = st["opp_amount"][st["opp_won"]]
    known = (quarter >= 0) & (quarter < len(complete))
    for quarters in (complete, bounds[1:] <= ctx.now):
        booked = amount[mine & known & quarters[np.clip(quarter, 0, len(complete) - 1)]].sum()
        capacity = fte[quarters].sum()
        if booked > 0 and capacity > 0:
            return STRETCH * booked / capacity
    return float(ctx.recipe.deals["amount_median"][seg])
