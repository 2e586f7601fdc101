"""Module 06's model memo and module 08's model review state no number about the data that
no claim proves: 08 read "$3.0M", "57 deals, 300 opportunities", "MQLs at 1.31x plan" and
"1,200 duplicated people", true of one world only (the goal ranges from about $1M to $2.3M
over 20 seeds); 06 named deals and a quota ("$1.46M", "O0001327 Omeir Retail") that the
course's world no longer holds."""

from __future__ import annotations

import re

import pytest

from crosstrain.course.claims import CLAIMS
from crosstrain.paths import PROJECT_ROOT

#: Each module's model answer (its written cell) and the numbers in it that are targets,
#: definitions or pointers, not measurements of the data.
MEMOS = {"modules/08-alignment/08-alignment.py": ("qbr_summary points=5", {"25%", "70%", "90%", "4 hours", "6", "02", "1", "2", "3", "0.8"}),
         "modules/06-pipeline/06-pipeline.py": ("forecast_memo points=4", set())}
NUMBER = re.compile(r"\$?\d[\d,.]*(?:\s?(?:%|x|k|M|hours))?")


def _memo(module: str) -> str:
    text = (PROJECT_ROOT / module).read_text(encoding="utf-8")
    start = text.index(f"# %% [markdown] written {MEMOS[module][0]}")
    return text[start:text.index("# %%", start + 5)].replace(MEMOS[module][0], "")


@pytest.mark.parametrize("module", list(MEMOS))
def test_every_number_in_the_model_answer_is_a_target_or_a_registered_claim(module):
    memo, not_data = _memo(module), MEMOS[module][1]
    anchors = [claim.anchor for claim in CLAIMS if claim.where == module]
    spans = [(memo.find(a), memo.find(a) + len(a)) for a in anchors if a in memo]
    loose = [m.group(0) for m in NUMBER.finditer(memo)
             if m.group(0) not in not_data and not any(lo <= m.start() and m.end() <= hi for lo, hi in spans)]
    assert loose == []


def test_the_check_finds_a_hard_coded_number():
    assert [m.group(0) for m in NUMBER.finditer("MQLs at 1.31x plan, 57 deals, $3.0M")] == ["1.31x", "57", "$3.0M"]
