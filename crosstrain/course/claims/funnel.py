"""Claims about the lead funnel: MQL rule, response, acceptance, scores, cohorts."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import first_conversation, inbound, mqls, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, at_most, between, restated

DATASHEET = "datasets/DATASHEET.md"
M03 = "modules/03-funnel-handoff/03-funnel-handoff.py"
M08 = "modules/08-alignment/08-alignment.py"


def _answered_accepted(world) -> float:
    mql = mqls(world)
    answered = mql[mql["first_response_at"].notna()]
    return rate(answered["sal_at"].notna())


def _decided_accepted(world) -> float:
    """Module 08's acceptance rate: accepted over accepted plus rejected (unreached MQLs are neither)."""
    mql = mqls(world)
    accepted = mql["sal_at"].notna().sum()
    return ratio(accepted, accepted + (mql["status"] == "rejected").sum())


def _attempts_per_mql_last_quarter(world) -> float:
    """Module 08's scorecard: SDR activities on the last complete quarter's MQLs over those MQLs."""
    quarter = world.reference_date.to_period("Q") - 1
    leads = world.leads
    handed = leads.loc[leads["mql_at"].dt.to_period("Q") == quarter, "lead_id"]
    return ratio(world.activities["lead_id"].isin(handed).sum(), len(handed))


def talked_before(world, stage: str) -> float:
    """Share of the leads that reached ``stage`` (sal_at, sql_at) with a conversation before it."""
    leads = world.leads
    reached = leads[leads[stage].notna()]
    talked = reached["lead_id"].map(first_conversation(world))
    return rate(talked < reached[stage])


def talked_before_sql(world) -> float:
    return talked_before(world, "sql_at")


def _within_4h(world) -> float:
    return rate(mqls(world)["hours"] <= 4)


def _acceptance_by_fit(world) -> float:
    mql = mqls(world)
    answered = mql[mql["first_response_at"].notna()]
    band = pd.cut(answered["fit_score"], [0, 25, 50, 75, 100], include_lowest=True)
    by_band = answered["sal_at"].notna().groupby(band, observed=True).mean()
    return ratio(by_band.iloc[-1], by_band.iloc[0])


def _quartile_lift(world, score: str) -> float:
    leads = world.leads
    quartile = pd.qcut(leads[score].rank(method="first"), 4, labels=False)
    by_quartile = leads["opportunity_id"].notna().groupby(quartile).mean()
    return ratio(by_quartile.iloc[-1], by_quartile.iloc[0])


def _recent_cohort_maturity(world) -> float:
    """Lead-to-won share of the last full month's leads over that of leads a year earlier."""
    leads = world.leads
    month = leads["created_at"].dt.to_period("M")
    last = (world.reference_date - pd.Timedelta(days=1)).to_period("M")
    won_lead = leads["opportunity_id"].isin(world.opportunities.loc[world.opportunities["is_won"], "opportunity_id"])
    return ratio(rate(won_lead[month == last]), rate(won_lead[month == last - 12]))


_STATED = [
    Claim("funnel.inbound_mql_rate", DATASHEET, "about 17% of inbound leads become MQLs",
          "About 17% of inbound leads become MQLs.",
          lambda w: rate(inbound(w)["mql_at"].notna()), between(0.16, 0.185)),
    Claim("funnel.all_leads_mql_rate", DATASHEET, "about 15% of all leads: outbound leads skip the stage",
          "About 15% of all leads, outbound included, become MQLs: below the inbound rate, since outbound leads skip the stage.",
          lambda w: rate(w.leads["mql_at"].notna()), between(0.14, 0.16)),
    Claim("funnel.never_answered", DATASHEET, "`never_answered_share` (12%)",
          "About 12% of MQLs are never answered.",
          lambda w: rate(mqls(w)["first_response_at"].isna()), between(0.09, 0.15)),
    Claim("funnel.response_median", DATASHEET, "(median wait from MQL to first response about 1.4 hours, 1.2-1.8 by seed)",
          "The median time from MQL to first response, nights and weekends included, is about 1.4 hours (1.2-1.8 by seed).",
          lambda w: float(mqls(w)["hours"].median()), between(1.0, 2.2), unit="hours"),
    Claim("funnel.answered_within_4h", M03, "today only about 60% of MQLs get an answer within 4 hours",
          "About 60% of MQLs get an answer within 4 hours (nights and weekends counted).",
          _within_4h, between(0.50, 0.68)),
    Claim("funnel.acceptance", M03, "today about 50% of answered MQLs are",
          "About 50% of answered MQLs are accepted (most of the rest were never reached or had moved on).",
          _answered_accepted, between(0.42, 0.58)),
    Claim("funnel.sal_after_conversation", DATASHEET, "Acceptance and qualification need a conversation",
          "Every SAL had a two-way conversation (a connected call or a held meeting in activities) before its sal_at.",
          lambda w: talked_before(w, "sal_at"), at_least(1.0)),
    Claim("funnel.sql_after_conversation", DATASHEET, "Acceptance and qualification need a conversation",
          "Every SQL had a two-way conversation (a connected call or a held meeting in activities) before its sql_at.",
          talked_before_sql, at_least(1.0)),
    Claim("funnel.acceptance_rises_with_fit", M03, "acceptance rises with the lead's fit score",
          "Answered MQLs in the top fit band are accepted more often than those in the bottom band.",
          _acceptance_by_fit, at_least(1.1), unit="ratio"),
    Claim("funnel.fit_predicts", DATASHEET, "Fit and engagement both predict conversion",
          "Leads in the top fit-score quartile become opportunities over twice as often as the bottom quartile.",
          lambda w: _quartile_lift(w, "fit_score"), at_least(2.0), unit="ratio"),
    Claim("funnel.engagement_predicts", DATASHEET, "Fit and engagement both predict conversion",
          "Leads in the top engagement quartile become opportunities over twice as often as the bottom quartile.",
          lambda w: _quartile_lift(w, "engagement_score"), at_least(2.0), unit="ratio"),
    Claim("funnel.recent_cohorts_mature", M03, "In this world the last few months fall towards zero",
          "The last month's leads have won far less (so far) than the same month a year earlier.",
          _recent_cohort_maturity, at_most(0.35), unit="ratio"),
]

_BY_ID = {claim.id: claim for claim in _STATED}
CLAIMS = [
    *_STATED,
    restated(_BY_ID["funnel.never_answered"], "funnel.never_answered_sla", M03, "and about 12% never get one"),
    restated(_BY_ID["funnel.answered_within_4h"], "funnel.answered_within_4h_memo", M08, "only 58% of MQLs touched within 4 hours"),
    Claim("funnel.acceptance_memo", M08, "acceptance 70% (target 70%: at the line)",
          "Of the MQLs sales decided on (accepted or rejected, bad timing included), about 70% were accepted (module 08's acceptance rate).",
          _decided_accepted, between(0.66, 0.75)),
    Claim("funnel.attempts_memo", M08, "about 2.7 attempts\n# per MQL (target 6)",
          "SDRs made about 2.7 attempts (calls, e-mails, meetings) per MQL of the last full quarter, far below a target of 6.",
          _attempts_per_mql_last_quarter, between(2.3, 3.1), unit="number"),
]
