"""Claims about buying groups: how many people a deal involves, and which roles, by segment."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import per_world, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, between

DATASHEET = "datasets/DATASHEET.md"


@per_world
def groups(world) -> pd.DataFrame:
    """One row per deal: its segment, MEDDPICC flags, group size and the roles named and engaged."""
    roles = world.opportunity_contact_roles
    engaged = roles[roles["engaged"]]
    deals = world.opportunities.set_index("opportunity_id")[["segment", "has_champion", "has_economic_buyer"]]
    out = deals.assign(
        size=roles.groupby("opportunity_id").size(),
        buyer_named=deals.index.isin(roles.loc[roles["role"] == "economic_buyer", "opportunity_id"]),
        champion_engaged=deals.index.isin(engaged.loc[engaged["role"] == "champion", "opportunity_id"]),
        buyer_engaged=deals.index.isin(engaged.loc[engaged["role"] == "economic_buyer", "opportunity_id"]),
    )
    return out.fillna({"size": 0})


def mean_size(world, segment: str) -> float:
    g = groups(world)
    return float(g.loc[g["segment"] == segment, "size"].mean())


def _buyer_named(world, segment: str) -> float:
    g = groups(world)
    return rate(g.loc[g["segment"] == segment, "buyer_named"])


CLAIMS = [
    Claim("buying.enterprise_group", DATASHEET, "6-10 people on an enterprise deal",
          "An enterprise deal's buying group has 6-10 people on average (Gartner: 6-10 in a typical B2B purchase).",
          lambda w: mean_size(w, "enterprise"), between(6, 10), unit="number"),
    Claim("buying.mid_market_group", DATASHEET, "3-6 on a mid-market one",
          "A mid-market deal's buying group has 3-6 people on average.",
          lambda w: mean_size(w, "mid_market"), between(3, 6), unit="number"),
    Claim("buying.smb_group", DATASHEET, "1-3 on an SMB one",
          "An SMB deal's buying group has 1-3 people on average.",
          lambda w: mean_size(w, "smb"), between(1, 3), unit="number"),
    Claim("buying.champion_agrees", DATASHEET, "`has_champion` is set exactly when the group has an engaged champion",
          "Every deal has an engaged champion exactly when has_champion is set.",
          lambda w: rate(groups(w)["has_champion"] == groups(w)["champion_engaged"]), at_least(1.0)),
    Claim("buying.economic_buyer_agrees", DATASHEET, "`has_economic_buyer` exactly when it has an engaged economic buyer",
          "Every deal has an engaged economic buyer exactly when has_economic_buyer is set.",
          lambda w: rate(groups(w)["has_economic_buyer"] == groups(w)["buyer_engaged"]), at_least(1.0)),
    Claim("buying.enterprise_names_buyer", DATASHEET, "most enterprise deals name an economic buyer",
          "At least 70% of enterprise deals name an economic buyer (engaged or not).",
          lambda w: _buyer_named(w, "enterprise"), at_least(0.7)),
    Claim("buying.buyer_coverage_by_segment", DATASHEET, "SMB deals name one less often",
          "Enterprise deals name an economic buyer at least 1.2 times as often as SMB deals.",
          lambda w: ratio(_buyer_named(w, "enterprise"), _buyer_named(w, "smb")), at_least(1.2), unit="ratio"),
]
