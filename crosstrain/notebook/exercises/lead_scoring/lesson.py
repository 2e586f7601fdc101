"""What module 04's notebook imports: the framework tags and the call snippets q5 asks to
tag (without their tags). Nothing here returns a graded answer (``tests/grading/test_no_shortcuts.py``),
and nothing here imports the module's formulas (which add the tags back for the grader), so
an assessment's learner install holds it.
"""

from __future__ import annotations

import pandas as pd

BANT_TAGS = ("bant.budget", "bant.authority", "bant.need", "bant.timeline")
MEDDPICC_TAGS = ("meddpicc.metrics", "meddpicc.economic_buyer", "meddpicc.decision_criteria",
                 "meddpicc.decision_process", "meddpicc.paper_process", "meddpicc.identified_pain",
                 "meddpicc.champion", "meddpicc.competition")
FRAMEWORK_TAGS = BANT_TAGS + MEDDPICC_TAGS
# The snippets q5 shows, by letter: a discovery answer evidencing a MEDDPICC flag, or an
# objection of a category. The order is fixed so the letters mean the same in every world.
SNIPPET_KINDS = (
    ("A", "discovery", "has_identified_pain"),
    ("B", "objection", "budget"),
    ("C", "discovery", "has_champion"),
    ("D", "discovery", "has_economic_buyer"),
    ("E", "discovery", "has_decision_process"),
    ("F", "objection", "timing"),
    ("G", "discovery", "has_metrics"),
    ("H", "discovery", "has_paper_process"),
    ("I", "discovery", "has_competition_known"),
    ("J", "discovery", "has_decision_criteria"),
    ("K", "objection", "authority"),
)
_DISCOVERY_TAG = {  # the world's own tag of each discovery answer (crosstrain/world/calls.py, shipped too)
    "has_metrics": "meddpicc.metrics", "has_economic_buyer": "bant.authority;meddpicc.economic_buyer",
    "has_decision_criteria": "meddpicc.decision_criteria", "has_decision_process": "meddpicc.decision_process",
    "has_paper_process": "meddpicc.paper_process", "has_identified_pain": "bant.need;meddpicc.identified_pain",
    "has_champion": "meddpicc.champion", "has_competition_known": "meddpicc.competition",
}

__all__ = ["BANT_TAGS", "FRAMEWORK_TAGS", "MEDDPICC_TAGS", "SNIPPET_KINDS", "call_snippets"]


def call_snippets(world) -> pd.DataFrame:
    """The call-note snippets q5 asks to tag, indexed by letter (A-K): note id and text, no tags.

    Each letter is the earliest note of its kind in this world: a discovery answer that
    evidences one MEDDPICC element, or a budget,
    timing or authority objection.
    """
    notes = world.call_notes.sort_values("note_id")
    rows = []
    for letter, kind, what in SNIPPET_KINDS:
        if kind == "discovery":
            pick = notes[(notes.speaker == "rep") & (notes.framework_tags == _DISCOVERY_TAG[what])]
        else:
            pick = notes[(notes.speaker == "buyer") & (notes.objection_category == what)]
        if len(pick):
            rows.append({"letter": letter, "note_id": pick.note_id.iloc[0], "text": pick.text.iloc[0]})
    return pd.DataFrame(rows, columns=["letter", "note_id", "text"]).set_index("letter")
