"""Who in a deal's buying group made a touch or an activity.

Kept apart from ``buying.py`` (which builds the groups from the leads' vocabulary) so that
touches and activities can use it without importing the lead builder.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world.context import Context


def remember(ctx: Context, deal: np.ndarray, contact: np.ndarray, engaged: np.ndarray) -> None:
    """Each deal's engaged members, grouped by deal (lead's contact first), for ``attribute``."""
    st = ctx.state
    keep = np.flatnonzero(engaged)
    count = np.bincount(deal[keep], minlength=len(st["opp_lead"]))
    st.update(group_start=np.r_[0, np.cumsum(count)[:-1]], group_count=count, group_member=contact[keep])


def attribute(ctx: Context, deal: np.ndarray, time: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Who made each touch or activity of ``deal`` at ``time``: an engaged member of its
    buying group already in the CRM then, else the lead's own contact."""
    st = ctx.state
    if not len(deal):
        return np.zeros(0, dtype=np.int64)
    pick = st["group_start"][deal] + (rng.random(len(deal)) * st["group_count"][deal]).astype(np.int64)
    contact = st["group_member"][pick]
    return np.where(st["contact_created"][contact] <= time, contact, st["opp_lead"][deal])
