"""Buying groups: the people on each deal, their roles, and who engaged.

A B2B purchase involves several people (Gartner: 6-10 in a typical one), more in enterprise
than in SMB. Each deal's group starts with the converted lead's contact (the primary) and adds
colleagues at the account, one row each in ``opportunity_contact_roles``. Roles follow the
deal's MEDDPICC flags, so the win model and its calibration keep holding: a deal has an
engaged champion exactly when ``has_champion`` is set and an engaged economic buyer exactly
when ``has_economic_buyer`` is; larger deals also name a champion or economic buyer who never
engaged. Every group has a decision maker. Touches and activities of a deal are then made by
its engaged members (``members.attribute``), so counting leads, contacts and accounts differ.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from crosstrain.world.columns import MEMORY_POOL, Codes, Ref
from crosstrain.world.context import DAY, Context, weights
from crosstrain.world.leads import DEPARTMENT_WEIGHTS, DEPARTMENTS, SENIORITY, numbered, titles, work_mail_hosts
from crosstrain.world.members import remember
from crosstrain.world.names import name_pools
from crosstrain.world.schema import BUYING_ROLES

CHAMPION, ECONOMIC_BUYER, DECISION_MAKER, INFLUENCER, USER = range(len(BUYING_ROLES))
# Group size by segment (smb, mid_market, enterprise): uniform between these, inclusive.
GROUP_SIZE = ((1, 3), (3, 6), (6, 10))
# Above SMB, a deal without an engaged champion (economic buyer) often still names one who never engaged.
IDLE_CHAMPION, IDLE_ECONOMIC_BUYER = 0.5, 0.6
# Other members who engaged: decision makers, then influencers and users.
ENGAGED = {DECISION_MAKER: 0.8, INFLUENCER: 0.6, USER: 0.5}
INFLUENCER_SHARE = 0.55
# Seniority of a colleague added for a role (c_level, vp, director, manager, ic, student).
ROLE_SENIORITY = {
    CHAMPION: (0, 0, 0.4, 0.45, 0.15, 0), ECONOMIC_BUYER: (0.5, 0.5, 0, 0, 0, 0),
    DECISION_MAKER: (0.2, 0.4, 0.4, 0, 0, 0), INFLUENCER: (0, 0, 0.3, 0.4, 0.3, 0), USER: (0, 0, 0, 0.2, 0.8, 0),
}
FINANCE_BUYER = 0.5  # share of economic buyers in finance (the CFO signs)
# The account executive adds colleagues over the first weeks of the deal.
ADDED_WITHIN = 21 * DAY


def build_buying_groups(ctx: Context) -> None:
    rng = ctx.rng["contacts"]
    st = ctx.state
    opps = ctx.tables["opportunities"]
    lead = st["opp_lead"]
    n = len(lead)
    segment = st["lead_segment"][lead]
    champion, buyer = np.asarray(opps["has_champion"], bool), np.asarray(opps["has_economic_buyer"], bool)
    above_smb = segment > 0
    # Required roles, in the order they fill the group: the first is the lead's own contact.
    required = np.column_stack([
        champion, buyer, np.ones(n, bool),
        ~champion & above_smb & (rng.random(n) < IDLE_CHAMPION),
        ~buyer & above_smb & (rng.random(n) < IDLE_ECONOMIC_BUYER),
    ])
    required_role = np.array([CHAMPION, ECONOMIC_BUYER, DECISION_MAKER, CHAMPION, ECONOMIC_BUYER])
    required_engaged = np.array([1.0, 1.0, ENGAGED[DECISION_MAKER], 0.0, 0.0])
    low, high = np.array(GROUP_SIZE).T
    size = np.maximum(rng.integers(low[segment], high[segment] + 1), required.sum(axis=1))
    slots = np.sort(np.where(required, np.arange(required.shape[1]), required.shape[1]), axis=1)
    width = int(size.max()) if n else 0
    pos = np.arange(width)
    filler = np.where(rng.random((n, width)) < INFLUENCER_SHARE, INFLUENCER, USER)
    slot = np.pad(slots, ((0, 0), (0, max(width - slots.shape[1], 0))), constant_values=required.shape[1])[:, :width]
    is_required = slot < required.shape[1]
    role = np.where(is_required, required_role[np.minimum(slot, len(required_role) - 1)], filler)
    chance = np.where(is_required, required_engaged[np.minimum(slot, len(required_role) - 1)],
                      np.where(filler == INFLUENCER, ENGAGED[INFLUENCER], ENGAGED[USER]))
    engaged = rng.random((n, width)) < chance
    engaged[:, 0] = True  # the lead's contact talked to the SDR and the AE
    member = pos[None, :] < size[:, None]
    deal, k = np.nonzero(member)  # row-major: grouped by deal, the lead's contact first
    role, engaged = role[deal, k], engaged[deal, k]
    contact = _add_colleagues(ctx, rng, deal[k > 0], role[k > 0])
    contact_id = np.empty(len(deal), dtype=np.int64)
    contact_id[k == 0] = lead
    contact_id[k > 0] = contact
    remember(ctx, deal, contact_id, engaged)
    ctx.tables["opportunity_contact_roles"] = {
        "opportunity_id": Ref(deal, "opportunities"),
        "contact_id": Ref(contact_id, "contacts"),
        "role": Codes(role, BUYING_ROLES),
        "is_primary": k == 0,
        "engaged": engaged,
    }


def _add_colleagues(ctx: Context, rng: np.random.Generator, deal: np.ndarray, role: np.ndarray) -> np.ndarray:
    """New contacts at each deal's account for the colleagues in ``role``; returns their contact indices."""
    st = ctx.state
    contacts = ctx.tables["contacts"]
    first_id = len(st["lead_created"])
    m = len(deal)
    account = st["lead_account"][st["opp_lead"][deal]]
    seniority = np.empty(m, dtype=np.int64)
    for r, p in ROLE_SENIORITY.items():
        rows = np.flatnonzero(role == r)
        seniority[rows] = rng.choice(len(SENIORITY), len(rows), p=weights(p))
    department = rng.choice(len(DEPARTMENTS), m, p=weights(DEPARTMENT_WEIGHTS))
    finance = (role == ECONOMIC_BUYER) & (rng.random(m) < FINANCE_BUYER)
    department[finance] = DEPARTMENTS.index("finance")
    title_names, lookup = titles()
    names = name_pools()
    first, last = names.draw(st["account_country_code"][account], rng)
    host = pc.take(work_mail_hosts(st["account_domain"]), account, memory_pool=MEMORY_POOL)
    email = pc.binary_join_element_wise(names.take("first", first, "slug"), ".", names.take("last", last, "slug"), "")
    email = pc.binary_join_element_wise(email, host, "")
    email = _unique_at_their_accounts(ctx, contacts["email"], email, account)
    start = st["opp_created"][deal]
    end = np.minimum(np.where(st["opp_closed"][deal], st["opp_close"][deal], ctx.now), ctx.now - 60)
    created = start + (rng.random(m) * np.clip(end - start, 0, ADDED_WITHIN)).astype(np.int64)
    added = {
        "account_id": account, "first_name": names.take("first", first), "last_name": names.take("last", last),
        "local_name": names.local_names(first, last), "title": lookup[seniority, department], "seniority": seniority,
        "department": department, "created_at": created,
    }
    for column, value in added.items():
        old = contacts[column]
        if isinstance(old, Ref):
            contacts[column] = Ref(np.r_[old.index, value], old.table)
        elif isinstance(old, Codes):
            contacts[column] = Codes(np.r_[old.codes, value], title_names if column == "title" else old.vocab)
        elif isinstance(old, pa.Array):
            contacts[column] = pa.concat_arrays([old, value.cast(old.type)])
        else:
            contacts[column] = np.r_[old, value]
    contacts["email"] = pa.concat_arrays([contacts["email"], email])
    contacts["contact_id"] = Ref(np.arange(first_id + m), "contacts")
    st["contact_created"] = contacts["created_at"]
    return first_id + np.arange(m)


def _unique_at_their_accounts(ctx: Context, existing: pa.Array, email: pa.Array, account: np.ndarray) -> pa.Array:
    """``email`` numbered where it repeats an address of a lead at the same accounts (work addresses
    only clash within a company): only those leads' addresses are hashed, not every lead's."""
    same = np.flatnonzero(np.isin(ctx.state["lead_account"], np.unique(account)))
    known = pc.take(existing, same, memory_pool=MEMORY_POOL)
    return numbered(pa.concat_arrays([known, email])).slice(len(known))
