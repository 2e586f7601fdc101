"""Claims about channels and campaigns: conversion, cost per lead, click rates, touches that
respect their campaign's calendar, attribution and campaign ROI."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims import attribution
from crosstrain.course.claims.frames import per_world, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, at_most, between

DATASHEET = "datasets/DATASHEET.md"
M07 = "modules/07-attribution/07-attribution.py"


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


ANONYMOUS_CHANNELS = ("direct", "content", "paid_search", "paid_social", "display")


@per_world
def campaign_touches(world) -> pd.DataFrame:
    """Touches that name a campaign, with the campaign's channel and dates."""
    campaigns = world.campaigns[["campaign_id", "channel", "start_date", "end_date", "event_date"]].rename(columns={"channel": "campaign_channel"})
    return world.touchpoints.merge(campaigns, on="campaign_id")


def late_ad_clicks(world) -> float:
    """Share of ad clicks after their campaign's flight ended."""
    clicks = campaign_touches(world)
    clicks = clicks[clicks["event_type"] == "ad_click"]
    return rate(clicks["occurred_at"] > clicks["end_date"])


def sessions_off_date(world) -> float:
    """Share of webinar attendances and event visits off their session's day (``event_date``)."""
    visits = campaign_touches(world)
    visits = visits[visits["event_type"].isin(["webinar_attend", "event_visit"])]
    return rate(visits["occurred_at"].dt.normalize() != visits["event_date"])


def anonymous_off_channel(world) -> float:
    """Share of touches before the lead existed on a channel an anonymous visitor cannot use (e-mail, sessions)."""
    touches = world.touchpoints.merge(world.leads[["lead_id", "created_at"]], on="lead_id")
    before = touches[touches["occurred_at"] < touches["created_at"]]
    return rate(~before["channel"].isin(ANONYMOUS_CHANNELS))


def email_before_send(world) -> float:
    """Share of e-mail touches before their campaign's send, or (past the click that created an
    e-mail lead) from a send that went out before the contact existed."""
    mail = campaign_touches(world)
    contacts = world.leads[["lead_id", "contact_id"]].merge(
        world.contacts[["contact_id", "created_at"]].rename(columns={"created_at": "contact_created_at"}), on="contact_id")
    mail = mail[mail["channel"] == "email"].merge(contacts, on="lead_id")
    nurture = mail["occurred_at"] != mail["contact_created_at"]  # not the click that created an e-mail lead
    return rate((mail["occurred_at"] < mail["start_date"]) | (nurture & (mail["start_date"] < mail["contact_created_at"])))


def direct_share_at_the_close(world) -> float:
    """The smaller share of won revenue that last-touch and 7-day time-decay give direct visits."""
    credit = attribution.channel_credit(world)
    return float(min(credit.loc["direct", "last_touch"], credit.loc["direct", "time_decay"]))


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
    Claim("marketing.ad_clicks_in_flight", DATASHEET, "an ad click during its flight",
          "No ad click falls after its campaign's flight ended.", late_ad_clicks, at_most(0.0)),
    Claim("marketing.sessions_on_date", DATASHEET, "attendances on the session's day",
          "Every webinar attendance and event visit falls on its session's day (event_date).", sessions_off_date, at_most(0.0)),
    Claim("marketing.anonymous_touches_web", DATASHEET, "anonymous touches are web visits and ad clicks",
          "Touches before a lead exists are web, ad and content touches only (no e-mail).", anonymous_off_channel, at_most(0.0)),
    Claim("marketing.email_after_send", DATASHEET, "after a send to a contact who already existed",
          "E-mail touches come after their campaign's send, to contacts that already existed.", email_before_send, at_most(0.0)),
    Claim("marketing.last_touch_near_close", DATASHEET, "last touch a few days before the close",
          "A won deal's last touch comes a median of a few days before its close date.",
          attribution.last_touch_days, between(0.0, 10.0), unit="days"),
    Claim("marketing.attribution_models_differ", DATASHEET, "credit different touches",
          "Every two of first-touch, last-touch, U-, W-shaped and 7-day time-decay attribution move at least 5% of the won revenue between channels.",
          attribution.models_differ, at_least(0.05)),
    Claim("marketing.max_campaign_roi", DATASHEET, "no campaign returns more than about 20x",
          "No campaign's W-shaped ROI on won revenue (80% gross margin) exceeds about 20x: one large "
          "enterprise deal may lift a small campaign to 25x on an unlucky seed, never beyond.",
          lambda w: float(attribution.campaign_roi(w).max()), at_most(25.0), unit="ratio"),
    Claim("marketing.last_touch_three_days", M07, "a won deal's last touch comes a median of about three days before",
          "A won deal's last touch comes a median of about three days (2 to 5) before its close date.",
          attribution.last_touch_days, between(2.0, 5.0), unit="days"),
    Claim("marketing.last_touch_within_a_week", M07, "for most deals (over 80%) within the last week",
          "Over 80% of won deals have their last touch within the week before the close.",
          lambda w: rate(attribution.last_touches(w)["days_before"] <= 7), at_least(0.8)),
    Claim("marketing.last_touch_pricing_page", M07, "touches are the buyer on the pricing page",
          "About half of won deals' last touches are pricing-page views.",
          lambda w: rate(attribution.last_touches(w)["event_type"] == "pricing_view"), between(0.4, 0.7)),
    Claim("marketing.last_touch_email_or_direct", M07, "nearly all the rest come from e-mail and",
          "Nearly all won deals' last touches are direct web visits or e-mails (85% or more).",
          lambda w: rate(attribution.last_touches(w)["channel"].isin(["direct", "email"])), at_least(0.85)),
    Claim("marketing.people_most_of_cac", M07, "people, not campaigns, are most of the CAC (about three quarters",
          "The people who win customers (marketing, SDRs, AEs, managers at module 07's cost per head) are about "
          "three quarters of the CAC's spend, the campaigns the rest.",
          attribution.people_share_of_cac, between(0.65, 0.85)),
    Claim("marketing.direct_at_the_close", M07, "at least 45% in the course's",
          "Last touch and time decay give direct website visits at least 45% of the won revenue.",
          direct_share_at_the_close, at_least(0.45)),
]
