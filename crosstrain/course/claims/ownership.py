"""Claims about who owns a lead: how far it got, its status now, and its record owner (module 01)."""

from __future__ import annotations

from crosstrain.course.claims.frames import new_business, rate
from crosstrain.course.claims.registry import Claim, at_least, between

M01 = "modules/01-two-teams/01-two-teams.py"


def _deal_stage(world):
    return world.leads["opportunity_id"].map(world.opportunities.set_index("opportunity_id")["stage"])


def _accepted_then_disqualified(world) -> float:
    """Share of the leads whose furthest stage is SAL or SQL that are disqualified (closed) now."""
    leads = world.leads
    return rate(leads.loc[leads["lifecycle_stage"].isin(["sal", "sql"]), "status"] == "disqualified")


def _opportunity_stage_lost(world) -> float:
    """Share of the leads whose furthest stage is 'opportunity' whose deal was lost."""
    leads = world.leads
    return rate(_deal_stage(world)[leads["lifecycle_stage"] == "opportunity"] == "closed_lost")


def _role_share(world, table: str, role: str) -> float:
    roles = world.users.set_index("user_id")["role"]
    return rate(getattr(world, table)["owner_id"].map(roles) == role)


def _unworked_mqls(world) -> float:
    return float((world.leads["status"] == "unworked").sum())


CLAIMS = [
    Claim("ownership.accepted_leads_mostly_disqualified", M01, "Almost every lead whose furthest stage is SAL or SQL was **disqualified**",
          "Of the leads whose lifecycle_stage (the furthest stage reached) is SAL or SQL, over 90% are disqualified now.",
          _accepted_then_disqualified, at_least(0.9)),
    Claim("ownership.opportunity_leads_mostly_lost", M01, "most leads that reached \"opportunity\" belong to",
          "Most leads whose furthest stage is 'opportunity' belong to a lost deal (about 90%).",
          _opportunity_stage_lost, between(0.8, 0.97)),
    Claim("ownership.lead_owner_is_an_sdr", M01, "In this CRM a lead's `owner_id` is always an SDR",
          "Every lead's owner_id is an SDR, converted leads included.",
          lambda w: _role_share(w, "leads", "sdr"), at_least(1.0)),
    Claim("ownership.deal_owner_is_an_ae", M01, "its own `owner_id` (an AE)",
          "Every new-business deal's owner_id is an AE (a customer's CSM owns its expansion deals).",
          lambda w: rate(new_business(w)["owner_id"].map(w.users.set_index("user_id")["role"]) == "ae"), at_least(1.0)),
    Claim("ownership.unworked_mqls_wait_on_sales", M01, "An MQL that no SDR has called yet (`unworked`) waits on sales",
          "Hundreds of MQLs are unworked today (no SDR has responded yet): records waiting on sales, not marketing.",
          _unworked_mqls, at_least(100), unit="number"),
]
