"""Claims about what a channel costs and returns, as module 02 measures it (and module 01's
model answer reads it): cost per lead and per SQL, ROI on a few wins, the deal's campaign."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import per_world, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, at_most, between

M01 = "modules/01-two-teams/01-two-teams.py"
M02 = "modules/02-measuring/02-measuring.py"
GROSS_MARGIN = 0.80  # module 02's assumed gross margin
PAID_MEDIA = ("display", "paid_search", "paid_social")


@per_world
def _spend(world) -> pd.Series:
    return world.campaigns.groupby("channel")["actual_cost"].sum()


def _cost_per(world, leads: pd.DataFrame) -> pd.Series:
    return _spend(world) / leads.groupby("source_channel").size().reindex(_spend(world).index)


@per_world
def _wins_by_channel(world) -> pd.Series:
    """Won deals per channel of the deal's campaign_id (module 02's attribution)."""
    wins = world.opportunities[world.opportunities["is_won"]]
    channel = wins["campaign_id"].map(world.campaigns.set_index("campaign_id")["channel"])
    return channel.value_counts().reindex(_spend(world).index, fill_value=0)


def _display_cheapest_paid_lead(world) -> float:
    cpl = _cost_per(world, world.leads)
    return ratio(min(cpl["paid_search"], cpl["paid_social"]), cpl["display"])


def _display_sql_over_search(world) -> float:
    leads = world.leads
    cps = _cost_per(world, leads[leads["sql_at"].notna()])
    return ratio(cps["display"], cps["paid_search"])


def _one_deal_moves_roi(world) -> float:
    """How far one typical won deal (the median amount) moves the ROI of the channel with the least spend."""
    wins = world.opportunities[world.opportunities["is_won"]]
    return float(wins["amount"].median() * GROSS_MARGIN / _spend(world).min())


def _deal_campaign_is_lead_campaign(world) -> float:
    deals = world.opportunities
    sourced = deals["lead_id"].map(world.leads.set_index("lead_id")["campaign_id"])
    return rate(deals["campaign_id"].fillna("") == sourced.fillna(""))


def _later_campaign_touched(world) -> float:
    """Share of campaign-sourced won deals whose lead's last campaign touch before the deal was
    created names another campaign (the one Salesforce would make the primary campaign source)."""
    deals = world.opportunities
    wins = deals[deals["is_won"] & deals["campaign_id"].notna()][["lead_id", "created_at", "campaign_id"]]
    wins = wins.rename(columns={"created_at": "opened", "campaign_id": "sourced"})
    touches = world.touchpoints[world.touchpoints["campaign_id"].notna()].merge(wins, on="lead_id")
    touches = touches[touches["occurred_at"] <= touches["opened"]].sort_values("occurred_at", kind="stable")
    last = touches.groupby("lead_id").tail(1).set_index("lead_id")
    return rate((last["campaign_id"] != last["sourced"]).reindex(wins["lead_id"], fill_value=False))


def _touches_of_leads(world) -> float:
    return rate(world.touchpoints["lead_id"].notna())


def _touches_before_the_lead(world) -> float:
    touches = world.touchpoints.merge(world.leads[["lead_id", "created_at"]], on="lead_id")
    return rate(touches["occurred_at"] < touches["created_at"])


def _display_cost_per_sql_rank(world) -> float:
    """Display's place among channels by cost per SQL, dearest first (1 = the dearest)."""
    leads = world.leads
    dearest = _cost_per(world, leads[leads["sql_at"].notna()]).dropna().sort_values(ascending=False)
    return float(list(dearest.index).index("display") + 1)


CLAIMS = [
    Claim("channels.display_cheapest_paid_leads", M01, "display brings the cheapest paid leads",
          "Display's cost per lead is the lowest of the three paid media (the next cheapest over display).",
          _display_cheapest_paid_lead, at_least(1.02), unit="ratio"),
    Claim("channels.display_sqls_dearer_than_search", M01, "yet its SQLs\n# cost more than search's",
          "Display's cost per SQL is higher than paid search's (display over search).",
          _display_sql_over_search, at_least(1.15), unit="ratio"),
    Claim("channels.few_wins_behind_roi", M02, "the smallest channel's on fewer than 20",
          "The channel with the fewest won deals (by the deal's campaign_id) has fewer than 20 of them.",
          lambda w: float(_wins_by_channel(w).min()), at_most(20), unit="number"),
    Claim("channels.display_roi_on_a_handful", M01, "its ROI rests on a\n# handful of won deals",
          "Display's ROI (module 02's attribution) rests on fewer than 25 won deals.",
          lambda w: float(_wins_by_channel(w)["display"]), at_most(25), unit="number"),
    Claim("channels.one_deal_moves_roi", M02, "one typical won deal more or less moves",
          "One won deal of median size moves the ROI of the channel with the least spend by several points (0.05 to 0.15).",
          _one_deal_moves_roi, between(0.05, 0.15), unit="ratio"),
    Claim("channels.deal_campaign_sourced_the_lead", M02, "the campaign that sourced its lead",
          "Every deal's campaign_id is the campaign of its lead (the one that sourced it).",
          _deal_campaign_is_lead_campaign, at_least(1.0)),
    Claim("channels.primary_source_would_differ", M02, "another campaign touched\n#   the lead after the one that sourced it",
          "For about 6 in 10 campaign-sourced won deals, the lead's last campaign touch before the deal names another campaign than the sourcing one.",
          _later_campaign_touched, between(0.45, 0.75)),
    Claim("channels.most_wins_behind_roi", M02, "rests on a few dozen won deals at most",
          "No channel's ROI rests on more than about 70 won deals.",
          lambda w: float(_wins_by_channel(w).max()), at_most(70), unit="number"),
    Claim("channels.every_touch_is_a_lead", M02, "every touch in\n# `world.touchpoints` belongs to a lead",
          "Every touchpoint belongs to a lead: visitors who never became leads are not in the CRM.",
          _touches_of_leads, at_least(1.0)),
    Claim("channels.visits_before_the_form", M02, "including the visits they made before they",
          "Some touches predate their lead's creation (anonymous visits attached when the lead was created).",
          _touches_before_the_lead, at_least(0.01)),
    Claim("channels.display_dear_per_sql", M02, "display gives some of the cheapest paid leads here",
          "Display is among the three dearest channels per SQL (its place, dearest first).",
          _display_cost_per_sql_rank, at_most(3), unit="number"),
]
