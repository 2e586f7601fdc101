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
