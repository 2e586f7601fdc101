"""Facilitator material a trainer without a data person can read aloud: answers in currency,
thousands and percentages (never ``2.886e+06``), long lists as their top five, and tips in
the domain's words rather than pandas'."""

from __future__ import annotations

import re

import pytest

from crosstrain.course.catalog import is_written
from crosstrain.course.syllabus import load_syllabus
from crosstrain.notebook.answers.by_label import ByLabel, Parts
from crosstrain.notebook.answers.credit import Credit
from crosstrain.notebook.answers.scalars import Amount, Count, Share
from crosstrain.paths import COURSE_DIR
from crosstrain.workshop.notes import read_notes
from crosstrain.workshop.plan import make_plan
from crosstrain.workshop.spoken import plain_words, spoken

SCIENTIFIC = re.compile(r"\d\.?\d*[eE][+-]?\d")
MAX_CELL = 320  # characters in one table cell: about three lines of a printed agenda
CODE = re.compile(r"`([^`\n]*)`")  # code in backticks; a command (crosstrain ..., --world) is fine
JARGON = re.compile(r"\b(groupby|merge|dropna|fillna|notna|isna|reindex|idxmax|value_counts|dtype|"
                    r"DataFrame|Series|NaN|to_period|shift\(|\.loc|iloc)\b")


def test_numbers_read_as_money_counts_and_percentages():
    assert spoken(2_886_000.4, Amount(of="the pipeline needed")) == "$2,886,000"
    assert spoken(98.0625, Amount(of="a cost per lead")) == "$98.06"
    assert spoken(40_000, Count(of="leads")) == "40,000"
    assert spoken(0.2532, Share()) == "25.3%"
    assert spoken({"coverage": 3.968, "cac": 50_569.2}, Parts((("coverage", Amount(of="a coverage ratio")),
                                                                ("cac", Amount(of="the CAC"))))) == "coverage: 4.0x; cac: $50,569"
    roi = ByLabel(labels=lambda w: [], measure="ROI", negative_ok=True)
    assert spoken({"search": 0.7236, "display": -0.4243}, roi) == "search: +72%, display: -42%"


def test_a_long_list_shows_its_top_five_and_summarises_the_rest():
    rois = {f"M{i:05d}": (i - 80) / 20 for i in range(160)}
    text = spoken(rois, ByLabel(labels=lambda w: [], of="campaign", measure="ROI", negative_ok=True))
    assert text.startswith("top 5 of 160: M00159: +395%, M00158: +390%")
    assert text.endswith("the other 155 from -400% to +370%")
    credit = spoken({f"c{i}": 1000.0 * i for i in range(10)}, Credit())
    assert credit.endswith("the other 5 together $10,000") and len(credit) < MAX_CELL


@pytest.fixture(scope="module")
def whole_course_plan(default_world):
    ids = ",".join(load_syllabus(COURSE_DIR).modules)
    return make_plan(ids, 900, 4, course_root=COURSE_DIR, world=default_world).markdown


def test_the_plan_of_every_module_has_no_scientific_notation(whole_course_plan):
    found = SCIENTIFIC.findall(whole_course_plan)
    assert not found, f"numbers in scientific notation: {found[:5]}"
    assert "could not be computed" not in whole_course_plan


def test_no_table_cell_of_the_plan_is_over_long(whole_course_plan):
    cells = [cell.strip() for line in whole_course_plan.splitlines() if line.startswith("|")
             for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
    assert len(cells) > 100
    long = [cell[:80] for cell in cells if len(cell) > MAX_CELL]
    assert not long, f"{len(long)} cells over {MAX_CELL} characters: {long}"


def test_the_common_mistakes_read_without_code(whole_course_plan):
    mistakes = [line for line in whole_course_plan.splitlines() if line.startswith("- q")]
    assert len(mistakes) > 50
    found = [line[:100] for line in mistakes if JARGON.search(line) or re.search(r"\b[a-z]+_[a-z]+\b|\.[a-z]+\(|pd\.", line)]
    assert not found, found
    assert plain_words("dropped the never-answered MQLs (pd.cut leaves them out of the groupby)") == "dropped the never-answered MQLs"
    assert plain_words("timed it from created_at instead of mql_at") == "timed it from the creation time instead of the time it became an MQL"


@pytest.mark.parametrize("module_id", list(load_syllabus(COURSE_DIR).modules))
def test_facilitator_notes_speak_the_domain_not_pandas(module_id):
    notes = read_notes(module_id)
    assert notes is not None or not is_written(module_id), f"workshops/notes/{module_id}.md is missing"
    for title in ("discussion prompts", "team exercise", "team briefs", "facilitator tips") if notes else ():
        text = notes.section(title)
        found = [m.group(0) for m in JARGON.finditer(text)]
        found += [m.group(0) for m in CODE.finditer(text) if not m.group(1).startswith(("crosstrain ", "--"))]
        assert not found, f"workshops/notes/{module_id}.md, {title}: pandas words {found}"
