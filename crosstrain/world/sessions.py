"""A person attends a webinar or an event session once.

Touches reach a session from several places (the registration's attendance, a lead's
later interest, a buying group during a deal), and each may pick the same session; a
CRM records one attendance per person and session, so later ones become what such a
touch is when no session explains it: a pricing-page view (touches.py).
"""

from __future__ import annotations

import numpy as np

from crosstrain.world.context import Context

VISITS = ("webinar_attend", "event_visit")


def once_per_session(ctx: Context, lead, time, event, channel, campaign, direct: int) -> None:
    """Turn every repeat visit of a lead to one session (after its first, by ``time``) into a
    pricing-page view on channel code ``direct``; edits ``event``, ``channel`` and ``campaign`` in place."""
    event_types = ctx.recipe.funnel["event_types"]
    visit = np.isin(event, [event_types.index(name) for name in VISITS]) & (campaign >= 0)
    rows = np.flatnonzero(visit)
    if len(rows) < 2:
        return
    order = np.lexsort((time[rows], campaign[rows], lead[rows]))
    rows = rows[order]
    pair_lead, pair_campaign = lead[rows], campaign[rows]
    repeat = rows[1:][(pair_lead[1:] == pair_lead[:-1]) & (pair_campaign[1:] == pair_campaign[:-1])]
    event[repeat] = event_types.index("pricing_view")
    channel[repeat] = direct
    campaign[repeat] = -1
