"""Who owns each lead and deal over time: the rep employed when the work happens.

A lead belongs to the SDR employed when it was first answered (or created, if never
answered); a leaver's untouched leads move to a colleague employed today. A deal belongs
to the AE employed when it was created, routed in turn among the segment's AEs; when that AE leaves before the deal closes, the
deal moves to a colleague of the segment employed that day (possibly more than once), and
``opportunity_history`` gets a row at each hand-over.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world import staffing
from crosstrain.world.columns import Ref
from crosstrain.world.context import Context
from crosstrain.world.people import pools_of

# Deals are handed over at most this many times (a chain of leavers).
MAX_HANDOVERS = 3


def own_leads(ctx: Context) -> None:
    """Give each lead to the SDR employed at its first response (or creation)."""
    rng, st = ctx.rng["owners"], ctx.state
    pools = pools_of(ctx, "sdr")
    answered = st["lead_first_response"] >= 0
    t = np.where(answered, st["lead_first_response"], st["lead_created"])
    owner = staffing.keep_or_pick(ctx, pools, st["lead_owner"], st["lead_segment"], t, rng)
    now = np.full(len(owner), ctx.now - 1)
    gone = ~answered & ~staffing.employed(ctx, owner, now)
    owner[gone] = staffing.pick_by_segment(ctx, pools, st["lead_segment"][gone], now[gone], rng)
    st["lead_owner"] = owner
    ctx.tables["leads"]["owner_id"] = Ref(owner, "users")


def own_deals(ctx: Context, segment: np.ndarray, created: np.ndarray, close: np.ndarray) -> np.ndarray:
    """The AE of each deal at creation, and the hand-overs when owners leave before the close.

    Leaves ``opp_handover_at`` / ``opp_handover_to`` (hand-overs x deals, ``NEVER`` where
    none) in the state; returns the final owner."""
    rng, st = ctx.rng["owners"], ctx.state
    pools = pools_of(ctx, "ae")
    owner = staffing.pick_by_segment(ctx, pools, segment, created, rng, balanced=True)
    first = owner.copy()
    done = np.minimum(close, ctx.now - 1)
    at = np.full((MAX_HANDOVERS, len(owner)), staffing.NEVER, dtype=np.int64)
    to = np.full((MAX_HANDOVERS, len(owner)), staffing.NEVER, dtype=np.int64)
    for k in range(MAX_HANDOVERS):
        end = st["user_end"][owner]
        leaves = np.flatnonzero((end != staffing.NEVER) & (end <= done))
        if not len(leaves):
            break
        # The hand-over happens as the leaver leaves, to someone employed then.
        when = end[leaves]
        owner[leaves] = staffing.pick_by_segment(ctx, pools, segment[leaves], when, rng)
        at[k, leaves], to[k, leaves] = when, owner[leaves]
    st.update(opp_first_owner=first, opp_handover_at=at, opp_handover_to=to)
    return owner


def deal_owner_at(ctx: Context, deal: np.ndarray, t: np.ndarray) -> np.ndarray:
    """The owner of each ``deal`` at time ``t``, following its hand-overs."""
    st = ctx.state
    owner = st["opp_first_owner"][deal]
    for at, to in zip(st["opp_handover_at"], st["opp_handover_to"]):
        moved = (at[deal] != staffing.NEVER) & (t >= at[deal])
        owner = np.where(moved, to[deal], owner)
    return owner
