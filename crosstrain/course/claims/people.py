"""Claims about the revenue team: hires and leavers, headcount by segment, attainment."""

from __future__ import annotations

from crosstrain.course.claims.calibration import ae_attainment, ramped_attainment
from crosstrain.course.claims.frames import rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, between

DATASHEET = "datasets/DATASHEET.md"


def _leavers_per_seat(world, role: str) -> float:
    """People of ``role`` who left during the window, per person of that role employed today."""
    people = world.users[world.users["role"] == role]
    return float((~people["is_active"]).sum() / max(int(people["is_active"].sum()), 1))


def _active_aes(world, segment: str) -> int:
    people = world.users
    return int(((people["role"] == "ae") & people["is_active"] & (people["segment"] == segment)).sum())


CLAIMS = [
    Claim("people.ae_headcount_follows_workload", DATASHEET, "AE headcount per segment follows the territory plan",
          "SMB, with the most opportunities, has about twice as many AEs as enterprise.",
          lambda w: ratio(_active_aes(w, "smb"), _active_aes(w, "enterprise")), at_least(1.5), unit="ratio"),
    Claim("people.attainment_spread", DATASHEET, "attainment varies from rep to rep (some miss, some beat quota each quarter)",
          "In the last full quarter some AEs reach quota and some miss it (share at or above quota).",
          lambda w: rate(ae_attainment(w) >= 1), between(0.05, 0.8)),
    Claim("people.ramped_at_quota", DATASHEET, "roughly half of ramped AEs reach quota in a quarter",
          "Over the last five full quarters roughly half of ramped AEs (40-65%) reach quota.",
          # Surveys: about 43-60% in a typical quarter, 60-70% under a well-calibrated plan; five quarters
          # of about eight ramped AEs still move a few points from seed to seed.
          lambda w: rate(ramped_attainment(w) >= 1), between(0.40, 0.65)),
    Claim("people.ramped_in_band", DATASHEET, "most land between 40% and 150% of it",
          "Over the last five full quarters at least half of ramped AEs (about two thirds on average) land between 40% and 150% of quota.",
          lambda w: rate(ramped_attainment(w).between(0.4, 1.5)), at_least(0.5)),
    Claim("people.sdr_leavers", DATASHEET, "as many leavers as 35% of today's SDRs and 20% of today's AEs",
          "As many SDRs left during the window as 35% of today's SDRs.",
          lambda w: _leavers_per_seat(w, "sdr"), between(0.3, 0.4)),
    Claim("people.ae_leavers", DATASHEET, "as many leavers as 35% of today's SDRs and 20% of today's AEs",
          "As many AEs left during the window as 20% of today's AEs.",
          lambda w: _leavers_per_seat(w, "ae"), between(0.15, 0.25)),
]
