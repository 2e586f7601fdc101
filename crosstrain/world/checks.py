"""Integrity checks of a world: keys, ordering, and history consistent with current rows.

``problems(world)`` returns one sentence per broken rule (empty when the world
is sound). The clean variant must pass all of them; the raw variant fails some
on purpose, which is what a cleaning lesson is about.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from crosstrain.world.load import World
from crosstrain.world.schema import DEAL_STAGES, LIFECYCLE_STAGES, TABLES


def problems(world: World) -> list[str]:
    found: list[str] = []
    for check in (_unique_ids, _foreign_keys, _lead_order, _lifecycle, _deals, _deal_history, _in_the_past, _employed,
                  _subscriptions):
        found.extend(check(world))
    return found


def _count(label: str, mask: pd.Series) -> list[str]:
    n = int(mask.sum())
    return [f"{label}: {n:,} row(s)"] if n else []


def _unique_ids(world: World) -> list[str]:
    out = []
    for name, table in TABLES.items():
        if table.id_prefix:
            ids = world.table(name)[table.id_column]
            out += _count(f"{name}.{table.id_column} is not unique", ids.duplicated())
            out += _count(f"{name}.{table.id_column} is null", ids.isna())
    return out


def _foreign_keys(world: World) -> list[str]:
    out = []
    for name, table in TABLES.items():
        frame = world.table(name)
        for column, target in table.foreign_keys.items():
            known = world.table(target)[TABLES[target].id_column]
            values = frame[column]
            out += _count(f"{name}.{column} does not resolve to {target}", values.notna() & ~_among(values, known))
    return out


def _among(values: pd.Series, known: pd.Series) -> pd.Series:
    """``values.isin(known)`` in Arrow: pandas' ``isin`` on text builds one Arrow scalar per
    known id in Python, a second or more per key column of the default world."""
    return pd.Series(pc.is_in(pa.array(values), value_set=pa.array(known)).to_numpy(zero_copy_only=False), index=values.index)


def _lead_order(world: World) -> list[str]:
    leads = world.leads
    opp_created = leads["opportunity_id"].map(world.opportunities.set_index("opportunity_id")["created_at"])
    chain = [leads["created_at"], leads["mql_at"], leads["sal_at"], leads["sql_at"], opp_created]
    names = ["created_at", "mql_at", "sal_at", "sql_at", "opportunity created_at"]
    out = []
    for i in range(1, len(chain)):
        earlier = pd.concat(chain[:i], axis=1).max(axis=1)
        out += _count(f"leads: {names[i]} is not after the earlier stages", chain[i].notna() & (chain[i] <= earlier))
    out += _count("leads: first response before the MQL", leads["first_response_at"] < leads["mql_at"])
    out += _count("leads: sql_at without sal_at", leads["sql_at"].notna() & leads["sal_at"].isna())
    return out


def _lifecycle(world: World) -> list[str]:
    history = world.lifecycle_history
    rank = history["stage"].map({s: i for i, s in enumerate(LIFECYCLE_STAGES)})
    ordered = history.assign(rank=rank).sort_values(["lead_id", "rank"])
    back_in_time = ordered.groupby("lead_id")["entered_at"].diff() < pd.Timedelta(0)
    top = ordered.groupby("lead_id")["stage"].last()
    current = world.leads.set_index("lead_id")["lifecycle_stage"]
    out = _count("lifecycle_history: a later stage entered before an earlier one", back_in_time)
    out += _count("leads.lifecycle_stage differs from the last stage in lifecycle_history", top.reindex(current.index) != current)
    return out


def _deals(world: World) -> list[str]:
    o = world.opportunities
    now = world.reference_date
    out = _count("opportunities: is_won without is_closed", o["is_won"] & ~o["is_closed"])
    out += _count("opportunities: probability differs from the stage's", o["probability"] != o["stage"].map(DEAL_STAGES))
    out += _count("opportunities: closed flag disagrees with the stage", o["is_closed"] != o["stage"].str.startswith("closed"))
    out += _count("opportunities: close_date before created_at", o["close_date"] < o["created_at"])
    out += _count("opportunities: open deal with a close date in the past", ~o["is_closed"] & (o["close_date"] <= now))
    return out


def _deal_history(world: World) -> list[str]:
    h = world.opportunity_history.sort_values(["opportunity_id", "changed_at"], kind="stable")
    last = h.groupby("opportunity_id").last()
    first = h.groupby("opportunity_id").first()
    o = world.opportunities.set_index("opportunity_id")
    out = _count("opportunity_history: last stage differs from the deal's stage", last["stage"] != o["stage"].reindex(last.index))
    out += _count("opportunity_history: last close date differs from the deal's", last["close_date"] != o["close_date"].reindex(last.index))
    out += _count("opportunity_history: first change is not at creation", first["changed_at"] != o["created_at"].reindex(first.index))
    out += _count("opportunities without history", ~o.index.isin(h["opportunity_id"]))
    return out


def _in_the_past(world: World) -> list[str]:
    now = world.reference_date
    out = []
    for name, column in (("touchpoints", "occurred_at"), ("activities", "occurred_at"), ("call_notes", "occurred_at"),
                         ("lifecycle_history", "entered_at"), ("opportunity_history", "changed_at"), ("leads", "created_at")):
        out += _count(f"{name}.{column} after the reference date", world.table(name)[column] > now)
    return out


def _employed(world: World) -> list[str]:
    """Work belongs to someone employed when it happened (from start_date, before end_date)."""
    users = world.users.set_index("user_id")

    def outside(owner: pd.Series, at: pd.Series) -> pd.Series:
        start, end = owner.map(users["start_date"]), owner.map(users["end_date"])
        return owner.notna() & at.notna() & ((at < start) | (end.notna() & (at >= end)))

    leads, history, activities = world.leads, world.opportunity_history, world.activities
    out = _count("leads: first response by an SDR not employed then", outside(leads["owner_id"], leads["first_response_at"]))
    out += _count("opportunity_history: owner not employed at the change", outside(history["owner_id"], history["changed_at"]))
    out += _count("activities: owner not employed then", outside(activities["owner_id"], activities["occurred_at"]))
    return out


def _subscriptions(world: World) -> list[str]:
    """A subscription's ARR is the sum of its changes, none after today; a churned one says why."""
    subs, events = world.subscriptions, world.subscription_events
    total = events.groupby("subscription_id")["arr_change"].sum().reindex(subs["subscription_id"], fill_value=0.0)
    out = _count("subscriptions: arr differs from the sum of its events' arr_change",
                 pd.Series(~np.isclose(total.to_numpy(), subs["arr"].to_numpy(), atol=0.01)))
    out += _count("subscription_events: occurred_at after the reference date", events["occurred_at"] > world.reference_date)
    churned = subs["status"] == "churned"
    out += _count("subscriptions: churned without a churn_reason or churned_at", churned & (subs["churn_reason"].isna() | subs["churned_at"].isna()))
    out += _count("subscriptions: active with a churn_reason", ~churned & subs["churn_reason"].notna())
    return out
