"""Claims about the revenue team: hires and leavers."""

from __future__ import annotations

from crosstrain.course.claims.registry import Claim, between

DATASHEET = "datasets/DATASHEET.md"


def _leavers_per_seat(world, role: str) -> float:
    """People of ``role`` who left during the window, per person of that role employed today."""
    people = world.users[world.users["role"] == role]
    return float((~people["is_active"]).sum() / max(int(people["is_active"].sum()), 1))


CLAIMS = [
    Claim("people.sdr_leavers", DATASHEET, "as many leavers as 35% of today's SDRs and 20% of today's AEs",
          "As many SDRs left during the window as 35% of today's SDRs.",
          lambda w: _leavers_per_seat(w, "sdr"), between(0.3, 0.4)),
    Claim("people.ae_leavers", DATASHEET, "as many leavers as 35% of today's SDRs and 20% of today's AEs",
          "As many AEs left during the window as 20% of today's AEs.",
          lambda w: _leavers_per_seat(w, "ae"), between(0.15, 0.25)),
]
