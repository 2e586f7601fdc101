"""Module 00's exercises: the reference passes, each known-wrong answer fails helpfully."""

from __future__ import annotations

import pytest
from module_proof import ModuleProof

from crosstrain.errors import CrosstrainError
from crosstrain.notebook.exercises import get

MODULE = "00-orientation"
PROOF = ModuleProof(MODULE, varying=("q1", "q2", "q4"))
globals().update(PROOF.tests())


def test_a_percentage_is_explained_as_a_share(default_world):
    message = get(MODULE, "q2").check(12.4, default_world).message
    assert "between 0 and 1" in message


def test_registry_names_what_exists():
    with pytest.raises(CrosstrainError, match="q1, q2"):
        get(MODULE, "q99")
    with pytest.raises(CrosstrainError, match="00-orientation"):
        get("99-nothing", "q1")


def test_mql_share_is_of_inbound_leads_as_in_03s_waterfall(default_world):
    """Outbound leads skip the MQL stage: 00 q2 divides by inbound leads, as module 03's funnel does."""
    leads = default_world.leads
    inbound = leads[leads.source_channel != "outbound"]
    expected = get(MODULE, "q2").expected(default_world)
    assert expected == pytest.approx(inbound.mql_at.notna().mean())
    assert leads[leads.source_channel == "outbound"].mql_at.isna().all()
    assert expected > leads.mql_at.notna().mean()  # the all-leads share is a known-wrong answer
