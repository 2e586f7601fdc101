"""Expansion deals: the opportunities a CSM opens on an existing customer, back in the pipeline.

Each expansion of a subscription's ARR was closed as a won expansion deal, and some attempts
were lost. The CSM who owns the customer owns the deal (new logos stay with AEs, so AE
quotas and attainment keep meaning new business). They carry ``type`` "expansion", no lead
and no campaign, and two history rows: opened and closed.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world import staffing
from crosstrain.world.calendar import WORK_DAY, WORK_START
from crosstrain.world.columns import Codes, Ref
from crosstrain.world.context import DAY, Context
from crosstrain.world.deals import FORECAST, LOSS_REASONS, STAGES, WON
from crosstrain.world.people import clock_of, pools_of
from crosstrain.world.schema import DEAL_STAGES, MEDDPICC_FLAGS

OPP_TYPES = ("new_business", "expansion")
# Why an expansion attempt was lost (LOSS_REASONS names), relative weights.
EXPANSION_LOSS = {"no_budget": 0.4, "timing": 0.3, "no_decision": 0.2, "price": 0.1}
# An expansion is opened once the customer's need is clear: the stage it is opened at.
OPENED_AT = STAGES.index("proposal_price_quote")


def add_expansion_deals(ctx: Context, rng: np.random.Generator, attempts: dict, subs: dict) -> np.ndarray:
    """Append one opportunity per attempt (``sub``, ``day`` closed, ``amount``, ``won``) to the
    opportunities and their history; returns each attempt's opportunity index."""
    opps, history = ctx.tables["opportunities"], ctx.tables["opportunity_history"]
    n = len(opps["amount"])
    sub = attempts["sub"]
    k = len(sub)
    # Close in the CSM's working hours on that day; opened a lognormal cycle before, after the start.
    cycle = np.maximum(np.exp(rng.normal(np.log(ctx.recipe.retention["expansion_cycle_days"]), 0.4, k)), 2) * DAY
    first_day = subs["start"][sub] + DAY
    clock = clock_of(ctx, subs["csm"][sub])
    created = ctx.calendar.within(np.maximum(attempts["day"] - cycle.astype(np.int64), first_day), attempts["day"] - 60, clock)
    owner = staffing.keep_or_pick(ctx, pools_of(ctx, "csm"), subs["csm"][sub], subs["segment"][sub], created, rng)
    clock = clock_of(ctx, owner)
    close_day = attempts["day"]
    close_at = np.maximum(close_day - clock.offset + WORK_START + (rng.random(k) * WORK_DAY).astype(np.int64), created + 60)
    close_at = np.minimum(close_at, ctx.now - 60)
    order = np.lexsort((sub, created))  # ids follow creation order, after the new business
    index = np.empty(k, dtype=np.int64)
    index[order] = n + np.arange(k)
    sub, created, owner, close_day, close_at = sub[order], created[order], owner[order], close_day[order], close_at[order]
    won, amount = attempts["won"][order], attempts["amount"][order]
    deal = subs["deal"][sub]
    stage = np.where(won, WON, STAGES.index("closed_lost"))
    loss = np.where(won, -1, np.array([LOSS_REASONS.index(x) for x in EXPANSION_LOSS])[
        rng.choice(len(EXPANSION_LOSS), k, p=np.array(list(EXPANSION_LOSS.values())))])
    known = rng.random((len(MEDDPICC_FLAGS), k)) < 0.85  # an existing customer: most of the buying process is known
    flags = {f: known[i] for i, f in enumerate(MEDDPICC_FLAGS)}
    flags["has_champion"], flags["has_economic_buyer"] = subs["champion"][sub] | known[0], ~subs["no_eb"][sub] | known[1]
    extra = {
        "opportunity_id": Ref(n + np.arange(k), "opportunities"),
        "account_id": Ref(opps["account_id"].index[deal], "accounts"),
        "lead_id": Ref(np.full(k, -1), "leads"),
        "owner_id": Ref(owner, "users"),
        "campaign_id": Ref(np.full(k, -1), "campaigns"),
        "name": np.asarray(ctx.state["account_name"], dtype=object)[opps["account_id"].index[deal]] + " - expansion",
        "segment": Codes(subs["segment"][sub], opps["segment"].vocab),
        "created_at": created,
        "close_date": close_day,
        "stage": Codes(stage, STAGES),
        "probability": np.array(list(DEAL_STAGES.values()))[stage],
        "amount": amount,
        "discount_pct": np.zeros(k),
        "is_closed": np.ones(k, dtype=bool),
        "is_won": won,
        "forecast_category": Codes(np.where(won, FORECAST.index("closed"), FORECAST.index("omitted")), FORECAST),
        "loss_reason": Codes(loss, LOSS_REASONS),
        "competitor": np.full(k, None, dtype=object),
        "type": Codes(np.ones(k, dtype=np.int64), OPP_TYPES),
        **flags,
    }
    opps["type"] = Codes(np.zeros(n, dtype=np.int64), OPP_TYPES)
    _append(opps, extra)
    row_deal = np.repeat(n + np.arange(k), 2)
    _append(history, {
        "opportunity_id": Ref(row_deal, "opportunities"),
        "changed_at": np.column_stack([created, close_at]).ravel(),
        "stage": Codes(np.column_stack([np.full(k, OPENED_AT), stage]).ravel(), STAGES),
        "amount": np.repeat(amount, 2),
        "probability": np.array(list(DEAL_STAGES.values()))[np.column_stack([np.full(k, OPENED_AT), stage]).ravel()],
        "close_date": np.repeat(close_day, 2),
        "owner_id": Ref(np.repeat(owner, 2), "users"),
    })
    return index


def _append(table: dict, extra: dict) -> None:
    """Add ``extra``'s rows under ``table``'s columns (ids, codes and arrays alike)."""
    for name, value in table.items():
        more = extra[name]
        if isinstance(value, Ref):
            table[name] = Ref(np.r_[value.index, more.index], value.table)
        elif isinstance(value, Codes):
            table[name] = Codes(np.r_[value.codes, more.codes], value.vocab)
        else:
            table[name] = np.concatenate([np.asarray(value), np.asarray(more, dtype=np.asarray(value).dtype)])
