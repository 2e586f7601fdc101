"""Module 08's model review states no number about the data that no claim proves: it read
"$3.0M", "57 deals, 300 opportunities", "MQLs at 1.31x plan" and "1,200 duplicated people",
true of one world only (the goal ranges from about $1M to $2.3M over 20 seeds)."""

from __future__ import annotations

import re

from crosstrain.course.claims import CLAIMS
from crosstrain.paths import PROJECT_ROOT

MODULE = "modules/08-alignment/08-alignment.py"
# Numbers that are targets, definitions or pointers, not measurements of the data.
NOT_DATA = {"25%", "70%", "90%", "4 hours", "6", "02", "1", "2", "3"}
NUMBER = re.compile(r"\$?\d[\d,.]*(?:\s?(?:%|x|k|M|hours))?")


def _memo() -> str:
    text = (PROJECT_ROOT / MODULE).read_text(encoding="utf-8")
    start = text.index("# %% [markdown] written qbr_summary")
    return text[start:text.index("# %%", start + 5)].replace("qbr_summary points=5", "qbr_summary")


def test_every_number_in_the_model_review_is_a_target_or_a_registered_claim():
    memo = _memo()
    anchors = [claim.anchor for claim in CLAIMS if claim.where == MODULE]
    spans = [(memo.find(a), memo.find(a) + len(a)) for a in anchors if a in memo]
    loose = [m.group(0) for m in NUMBER.finditer(memo)
             if m.group(0) not in NOT_DATA and not any(lo <= m.start() and m.end() <= hi for lo, hi in spans)]
    assert loose == []


def test_the_check_finds_a_hard_coded_number():
    assert [m.group(0) for m in NUMBER.finditer("MQLs at 1.31x plan, 57 deals, $3.0M")] == ["1.31x", "57", "$3.0M"]
