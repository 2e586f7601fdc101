"""Claims about channels and campaigns: conversion, cost per lead, click rates."""

from __future__ import annotations

from crosstrain.course.claims.frames import per_world, ratio
from crosstrain.course.claims.registry import Claim, at_least, between

DATASHEET = "datasets/DATASHEET.md"


@per_world
def to_opportunity(world):
    leads = world.leads
    return leads["opportunity_id"].notna().groupby(leads["source_channel"]).mean()


@per_world
def cost_per_lead(world):
    campaigns, leads = world.campaigns, world.leads
    cost = campaigns.groupby("channel")["actual_cost"].sum()
    return cost / leads.groupby("source_channel").size().reindex(cost.index)


def click_rate(world, channel: str, base: str) -> float:
    """Pooled clicks over impressions (or e-mails sent) of the channel's campaigns."""
    campaigns = world.campaigns
    chosen = campaigns[campaigns["channel"] == channel]
    return ratio(chosen["clicks"].sum(), chosen[base].sum())


def _best_over_worst(world) -> float:
    rates = to_opportunity(world)
    return ratio(min(rates["referral"], rates["webinar"]), max(rates["display"], rates["paid_social"]))


def _cpl_ordered(world) -> float:
    """Smallest step of email < paid search < event cost per lead, as a ratio."""
    cpl = cost_per_lead(world)
    return min(ratio(cpl["paid_search"], cpl["email"]), ratio(cpl["event"], cpl["paid_search"]))


CLAIMS = [
    Claim("marketing.best_and_worst_channels", DATASHEET, "referral and webinar convert best, display and paid social worst",
          "Referral and webinar leads become opportunities more often than display and paid social leads (worst best over best worst).",
          _best_over_worst, at_least(1.5), unit="ratio"),
    Claim("marketing.cost_per_lead_differs", DATASHEET, "Channels differ in volume, cost per lead and conversion",
          "Cost per lead rises from e-mail to paid search to events (smallest step shown).",
          _cpl_ordered, at_least(1.5), unit="ratio"),
    Claim("marketing.search_ctr", DATASHEET, "search CTR about 6.5%",
          "Paid search campaigns have a click-through rate of about 6.5%.",
          lambda w: click_rate(w, "paid_search", "impressions"), between(0.055, 0.075)),
    Claim("marketing.display_ctr", DATASHEET, "display about 0.35%",
          "Display campaigns have a click-through rate of about 0.35%.",
          lambda w: click_rate(w, "display", "impressions"), between(0.0025, 0.0045)),
    Claim("marketing.email_click_rate", DATASHEET, "click rate about 2.7%",
          "E-mail campaigns have a click rate of about 2.7% of e-mails sent.",
          lambda w: click_rate(w, "email", "emails_sent"), between(0.022, 0.032)),
]
