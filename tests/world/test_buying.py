"""Buying groups: several people per deal, roles that agree with the MEDDPICC flags, and
touches and activities made by those people (issue 12: one contact per lead and per deal made
"contacts instead of leads" indistinguishable and left no champion to find)."""

from __future__ import annotations

import pandas as pd
import pytest

from crosstrain.world.generate import build_world
from crosstrain.world.load import World
from crosstrain.world.schema import BUYING_ROLES, new_business

SIZES = {"smb": (1, 3), "mid_market": (3, 6), "enterprise": (6, 10)}


@pytest.fixture(scope="module")
def worlds(default_world) -> list[World]:
    return [default_world, build_world("default", seed=7)]


def _new_business(world: World) -> pd.DataFrame:
    """The deals with a buying group: expansions are sold to a customer through its CSM."""
    return new_business(world.opportunities)


def _groups(world: World) -> pd.DataFrame:
    roles = world.opportunity_contact_roles
    return roles.merge(_new_business(world)[["opportunity_id", "segment", "account_id", "lead_id", "has_champion",
                                            "has_economic_buyer"]], on="opportunity_id")


def test_every_deal_has_a_buying_group_sized_by_segment(worlds):
    for world in worlds:
        groups = _groups(world)
        size = groups.groupby("opportunity_id").size().reindex(_new_business(world)["opportunity_id"], fill_value=0)
        segment = _new_business(world).set_index("opportunity_id")["segment"]
        for name, (low, high) in SIZES.items():
            sizes = size[segment == name]
            assert sizes.between(low, high).all(), (name, sizes.describe())
        assert (size > 1).mean() > 0.6  # the defect: one contact per deal
        assert size[segment == "enterprise"].mean() > size[segment == "mid_market"].mean() > size[segment == "smb"].mean()


def test_one_primary_the_converted_leads_contact(worlds):
    for world in worlds:
        groups = _groups(world)
        primary = groups[groups["is_primary"]]
        assert primary["opportunity_id"].is_unique and len(primary) == len(_new_business(world))
        lead_contact = world.leads.set_index("lead_id")["contact_id"]
        assert (primary["contact_id"].to_numpy() == primary["lead_id"].map(lead_contact).to_numpy()).all()
        assert primary["engaged"].all()


def test_roles_agree_with_the_meddpicc_flags(worlds):
    for world in worlds:
        groups = _groups(world)
        assert set(groups["role"]) == set(BUYING_ROLES)
        deals = _new_business(world).set_index("opportunity_id")
        engaged = groups[groups["engaged"]]
        for role, flag in (("champion", "has_champion"), ("economic_buyer", "has_economic_buyer")):
            present = deals.index.isin(engaged.loc[engaged["role"] == role, "opportunity_id"])
            assert (present == deals[flag].to_numpy()).all(), role
        assert deals.index.isin(groups.loc[groups["role"] == "decision_maker", "opportunity_id"]).all()
        # A person holds one role on a deal.
        assert not groups.duplicated(["opportunity_id", "contact_id"]).any()


def test_members_work_at_the_deals_account(worlds):
    for world in worlds:
        groups = _groups(world).merge(world.contacts[["contact_id", "account_id"]], on="contact_id", suffixes=("", "_contact"))
        assert (groups["account_id"] == groups["account_id_contact"]).all()


def test_touches_and_activities_are_made_by_members_who_existed(worlds):
    for world in worlds:
        roles = world.opportunity_contact_roles
        members = set(zip(roles.loc[roles["engaged"], "opportunity_id"], roles.loc[roles["engaged"], "contact_id"]))
        work = world.activities.dropna(subset=["opportunity_id"])
        assert all(pair in members for pair in zip(work["opportunity_id"], work["contact_id"]))
        created = world.contacts.set_index("contact_id")["created_at"]
        for table, at in ((world.touchpoints, "occurred_at"), (world.activities, "occurred_at")):
            colleague = table[~table["contact_id"].isin(world.leads["contact_id"]) & table["contact_id"].notna()]
            assert len(colleague) > 0
            assert (colleague["contact_id"].map(created) <= colleague[at]).all()
        leads_only = world.activities[world.activities["opportunity_id"].isna()]
        assert (leads_only["contact_id"] == leads_only["lead_id"].map(world.leads.set_index("lead_id")["contact_id"])).all()


def test_leads_contacts_and_accounts_count_differently(worlds):
    """The counting mistake a lesson can now catch: distinct contacts who touched is not distinct leads."""
    for world in worlds:
        touches = world.touchpoints
        counts = [touches["lead_id"].nunique(), touches["contact_id"].nunique(),
                  touches["lead_id"].map(world.leads.set_index("lead_id")["account_id"]).nunique()]
        assert len(set(counts)) == 3, counts
        assert len(world.contacts) > len(world.leads) * 1.05
