"""The world's tables and columns: the contract every lesson and grader relies on.

Kinds: ``id`` (prefixed string id), ``str``, ``int``, ``float``, ``bool``,
``datetime`` (naive, second resolution, in the world's own clock: UTC), ``date`` (a day, no
time of day; loaded as a datetime at midnight, so it compares with datetimes and strings).
Foreign keys name the table whose id column they resolve to.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    name: str
    id_prefix: str
    columns: dict[str, str]
    foreign_keys: dict[str, str] = field(default_factory=dict)
    description: str = ""

    @property
    def id_column(self) -> str:
        return next(iter(self.columns))


MEDDPICC_FLAGS = (
    "has_metrics",
    "has_economic_buyer",
    "has_decision_criteria",
    "has_decision_process",
    "has_paper_process",
    "has_identified_pain",
    "has_champion",
    "has_competition_known",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        Table("users", "U", {
            "user_id": "id", "name": "str", "email": "str", "role": "str", "segment": "str",
            "region": "str", "country": "str", "utc_offset_hours": "int", "quarterly_quota": "float", "start_date": "datetime", "manager_id": "id",
            "end_date": "datetime", "is_active": "bool",
        }, {"manager_id": "users"}, "Everyone in the company's revenue team, past and present: marketing, SDRs, AEs, CSMs, managers."),
        Table("quotas", "", {
            "user_id": "id", "quarter": "str", "quota": "float", "ramp_pct": "float",
        }, {"user_id": "users"}, "Each AE's quota in each quarter they were employed, phased while they ramp."),
        Table("accounts", "A", {
            "account_id": "id", "name": "str", "industry": "str", "employees": "int", "annual_revenue": "float",
            "country": "str", "region": "str", "segment": "str", "icp_tier": "str", "owner_id": "id", "domain": "str",
        }, {"owner_id": "users"}, "Companies we sell to (HubSpot: companies)."),
        Table("contacts", "C", {
            "contact_id": "id", "account_id": "id", "first_name": "str", "last_name": "str", "local_name": "str",
            "email": "str", "title": "str", "seniority": "str", "department": "str", "created_at": "datetime",
        }, {"account_id": "accounts"}, "People at those companies: each lead's contact, and the buying groups of their deals."),
        Table("campaigns", "M", {
            "campaign_id": "id", "name": "str", "channel": "str", "start_date": "datetime", "end_date": "datetime",
            "event_date": "datetime", "budget": "float", "actual_cost": "float", "impressions": "int", "clicks": "int", "emails_sent": "int",
            "owner_id": "id",
        }, {"owner_id": "users"}, "Marketing programmes and what they cost."),
        Table("leads", "L", {
            "lead_id": "id", "contact_id": "id", "account_id": "id", "company": "str", "title": "str",
            "seniority": "str", "industry": "str", "employees": "int", "country": "str", "segment": "str",
            "email": "str", "source_channel": "str", "campaign_id": "id", "owner_id": "id",
            "created_at": "datetime", "first_response_at": "datetime", "fit_score": "int",
            "engagement_score": "int", "lifecycle_stage": "str", "status": "str", "mql_at": "datetime",
            "sal_at": "datetime", "sql_at": "datetime", "rejection_reason": "str", "opportunity_id": "id",
        }, {"contact_id": "contacts", "account_id": "accounts", "campaign_id": "campaigns",
            "owner_id": "users", "opportunity_id": "opportunities"},
            "Inbound and outbound leads and how far each got in the funnel."),
        Table("lifecycle_history", "", {
            "lead_id": "id", "stage": "str", "entered_at": "datetime",
        }, {"lead_id": "leads"}, "One row each time a lead entered a lifecycle stage."),
        Table("touchpoints", "T", {
            "touchpoint_id": "id", "lead_id": "id", "contact_id": "id", "occurred_at": "datetime", "channel": "str",
            "event_type": "str", "campaign_id": "id",
        }, {"lead_id": "leads", "contact_id": "contacts", "campaign_id": "campaigns"},
            "Every marketing interaction of a lead, and of its deal's buying group (``contact_id``: who made it)."),
        Table("campaign_members", "", {
            "campaign_id": "id", "lead_id": "id", "status": "str", "responded_at": "datetime",
        }, {"campaign_id": "campaigns", "lead_id": "leads"}, "Who each campaign reached and who responded."),
        Table("opportunities", "O", {
            "opportunity_id": "id", "account_id": "id", "lead_id": "id", "owner_id": "id", "campaign_id": "id",
            "name": "str", "segment": "str", "created_at": "datetime", "close_date": "date", "stage": "str",
            "probability": "int", "amount": "float", "discount_pct": "float", "is_closed": "bool",
            "is_won": "bool", "forecast_category": "str", "loss_reason": "str", "competitor": "str",
            **{flag: "bool" for flag in MEDDPICC_FLAGS}, "type": "str",
        }, {"account_id": "accounts", "lead_id": "leads", "owner_id": "users", "campaign_id": "campaigns"},
            "Deals (HubSpot: deals), open and closed: new business (from a lead) and expansions of existing customers."),
        Table("opportunity_history", "", {
            "opportunity_id": "id", "changed_at": "datetime", "stage": "str", "amount": "float",
            "probability": "int", "close_date": "date", "owner_id": "id",
        }, {"opportunity_id": "opportunities", "owner_id": "users"}, "Each change of a deal's stage, close date or owner."),
        Table("activities", "V", {
            "activity_id": "id", "lead_id": "id", "opportunity_id": "id", "contact_id": "id", "owner_id": "id",
            "type": "str", "occurred_at": "datetime", "duration_min": "int", "outcome": "str",
        }, {"lead_id": "leads", "opportunity_id": "opportunities", "contact_id": "contacts", "owner_id": "users"},
            "Calls, emails and meetings by SDRs and AEs, with the person on the other side (``contact_id``)."),
        Table("opportunity_contact_roles", "", {
            "opportunity_id": "id", "contact_id": "id", "role": "str", "is_primary": "bool", "engaged": "bool",
        }, {"opportunity_id": "opportunities", "contact_id": "contacts"},
            "Each deal's buying group (Salesforce: OpportunityContactRole): who plays which role, and who engaged."),
        Table("call_notes", "N", {
            "note_id": "id", "opportunity_id": "id", "occurred_at": "datetime", "speaker": "str", "text": "str",
            "objection_category": "str", "laer_steps": "str", "response_quality": "str",
            "framework_tags": "str",
        }, {"opportunity_id": "opportunities"},
            "Short sales-call dialogues: the buyer's objection and the rep's reply, or a discovery question and its answer, tagged."),
        Table("call_turns", "", {
            "note_id": "id", "turn": "int", "speaker": "str", "act": "str", "text": "str",
        }, {"note_id": "call_notes"},
            "Each turn of each call note in order: who spoke, the act (objection, listen, explore, ...) and the words."),
        Table("subscriptions", "S", {
            "subscription_id": "id", "account_id": "id", "opportunity_id": "id", "csm_id": "id", "segment": "str",
            "start_date": "date", "term_months": "int", "renewal_date": "date", "arr_start": "float", "arr": "float",
            "status": "str", "churned_at": "date", "churn_reason": "str",
        }, {"account_id": "accounts", "opportunity_id": "opportunities", "csm_id": "users"},
            "Customers after the close: one subscription per won new-business deal, its ARR now and whether it churned."),
        Table("subscription_events", "E", {
            "event_id": "id", "subscription_id": "id", "account_id": "id", "occurred_at": "date", "type": "str",
            "arr_before": "float", "arr_after": "float", "arr_change": "float", "reason": "str", "opportunity_id": "id",
        }, {"subscription_id": "subscriptions", "account_id": "accounts", "opportunity_id": "opportunities"},
            "Every change of a subscription's ARR up to the reference date: new, renewal, expansion, contraction, churn."),
    ]
}

# Lifecycle stages in order (who owns a lead at each one is module 00's q5: its answer key is grader-side).
LIFECYCLE_STAGES = ("lead", "mql", "sal", "sql", "opportunity", "customer")

# Opportunity stages (Salesforce defaults, snake_case) and their probabilities.
DEAL_STAGES = {
    "prospecting": 10,
    "qualification": 10,
    "needs_analysis": 20,
    "value_proposition": 50,
    "id_decision_makers": 60,
    "perception_analysis": 70,
    "proposal_price_quote": 75,
    "negotiation_review": 90,
    "closed_won": 100,
    "closed_lost": 0,
}
OPEN_DEAL_STAGES = tuple(s for s in DEAL_STAGES if not s.startswith("closed"))
# A deal's ``type``: a new customer won through the funnel, or a customer's CSM selling more.
DEAL_TYPES = ("new_business", "expansion")


def new_business(deals):
    """The deals won or lost for a new customer (``type`` "new_business"), as a Salesforce
    report filters Opportunity Type: what modules 00-08 and the claims about deals count.
    Expansion deals of existing customers are the CSMs' (module 09)."""
    return deals[deals["type"] == DEAL_TYPES[0]]
LAER_STEPS = ("listen", "acknowledge", "explore", "respond")
# Roles in a deal's buying group (opportunity_contact_roles.role).
BUYING_ROLES = ("champion", "economic_buyer", "decision_maker", "influencer", "user")
