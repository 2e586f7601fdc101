"""Referential integrity and ordering hold in the clean world; the raw one breaks them on purpose."""

from __future__ import annotations

import json

import pytest

from crosstrain.world.checks import problems
from crosstrain.world.generate import generate
from crosstrain.world.load import World
from crosstrain.world.recipe import load_recipe


def test_tiny_world_is_sound(tiny_world):
    assert problems(tiny_world) == []


def test_default_world_is_sound(default_world):
    assert problems(default_world) == []


def test_a_key_that_resolves_to_nothing_is_found(tiny_world):
    """Two leads owned by nobody on the payroll, one deal of no lead: each is counted."""
    leads, deals = tiny_world.leads.copy(), tiny_world.opportunities.copy()
    leads.loc[leads.index[:2], "owner_id"] = "U9999"
    deals.loc[deals.index[0], "lead_id"] = "L9999999"
    broken = World.in_memory(tiny_world.info, {**tiny_world.tables, "leads": leads, "opportunities": deals})
    found = problems(broken)
    assert "leads.owner_id does not resolve to users: 2 row(s)" in found
    assert "opportunities.lead_id does not resolve to leads: 1 row(s)" in found


def test_every_stage_timestamp_follows_the_previous(default_world):
    leads = default_world.leads
    deals = default_world.opportunities.set_index("opportunity_id")
    sql = leads.dropna(subset=["opportunity_id"])
    assert (sql["created_at"] < sql["mql_at"].fillna(sql["sal_at"])).all()
    assert (sql["sal_at"] < sql["sql_at"]).all()
    assert (sql["sql_at"].to_numpy() < deals.loc[sql["opportunity_id"], "created_at"].to_numpy()).all()
    closed = deals[deals["is_closed"]]
    assert (closed["created_at"] < closed["close_date"]).all()


def test_won_implies_closed_and_customers_are_won(default_world):
    deals = default_world.opportunities
    assert not (deals["is_won"] & ~deals["is_closed"]).any()
    customers = default_world.leads.query("lifecycle_stage == 'customer'")
    won = deals.set_index("lead_id").loc[customers["lead_id"], "is_won"]
    assert won.all()


@pytest.fixture(scope="module")
def raw_world(tmp_path_factory):
    # Enough deals that each fault, a few percent of them, is drawn at least once.
    return World(generate(load_recipe("tiny").with_overrides(leads=6000), tmp_path_factory.mktemp("raw") / "w", variant="raw", progress=False))


def test_raw_variant_carries_the_documented_faults(raw_world):
    faults = json.loads((raw_world.path / "world.json").read_text())["faults"]
    assert all(count > 0 for count in faults.values()), faults
    found = " ".join(problems(raw_world))
    assert "open deal with a close date in the past" in found
    assert "probability differs from the stage" in found
    assert "close_date before created_at" in found
    leads = raw_world.leads
    assert leads["email"].str.strip().str.lower().duplicated().sum() >= faults["duplicate_leads"]
    assert (~leads["source_channel"].isin(load_recipe("default").mix["channels"])).any()
