"""Modules 05-09 validate through nbgrader (the proof: module_validation.py)."""

from __future__ import annotations

import pytest
from module_validation import MODULES, check_module, validated

pytestmark = [pytest.mark.kernel]
HALF = MODULES[len(MODULES) // 2 :]


@pytest.fixture(scope="module")
def report() -> dict:
    return validated("validate-modules-second", HALF)


@pytest.mark.parametrize("module_id", HALF)
def test_module_validates_through_nbgrader(module_id, report):
    check_module(module_id, report)
