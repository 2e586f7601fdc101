"""An assessment keeps its lessons: practice and assessment builds of a module hold the same
cells, in the same order, and only what a learner's install cannot run is left out.

Both builds compile the same source; the assessment then drops what the learner's install
(``learner_lib``) lacks (``assessment_notebook``). nbgrader's release step treats both
alike, so comparing the compiled notebooks compares the builds. Answer and test cells are
never touched, markdown never; a code cell may change only where it uses a module the
install does not hold, statement by statement, and ``OPEN`` counts those cells per module.
"""

from __future__ import annotations

import ast

import pytest

from crosstrain.course.sources import source_path
from crosstrain.course.syllabus import load_syllabus
from crosstrain.grading.assessment import LEFT_OUT, assessment_notebook
from crosstrain.grading.compile import compile_module
from crosstrain.grading.learner_lib import LESSONS, ROOTS, import_closure
from crosstrain.paths import COURSE_DIR, MODULES_DIR

WIDGETS = "crosstrain.notebook.widgets"
#: Per module, the code cells an assessment still changes and the modules they need that a
#: learner's install does not hold: only widgets, which draw with the formulas (grader-side
#: by design). Every lesson module is in the install (``LESSONS``).
OPEN = {
    "00-orientation": (0, set()),
    "01-two-teams": (0, set()),
    "02-measuring": (2, {f"{WIDGETS}.channel_compare"}),
    "03-funnel-handoff": (1, {f"{WIDGETS}.funnel_simulator"}),
    "04-lead-scoring": (1, {f"{WIDGETS}.score_explorer"}),
    "05-objections": (2, {f"{WIDGETS}.objection_roleplay"}),
    "06-pipeline": (1, {f"{WIDGETS}.forecast"}),
    "07-attribution": (3, {f"{WIDGETS}.attribution_models"}),
    "08-alignment": (1, {f"{WIDGETS}.reverse_funnel"}),
    "09-retention": (1, {f"{WIDGETS}.retention_cohorts"}),
}
ALLOWED = import_closure(ROOTS)
MODULES = load_syllabus(COURSE_DIR).select(())


def _builds(module):
    practice = compile_module(module, source_path(MODULES_DIR, module.id))
    return practice, assessment_notebook(practice, ALLOWED)


def _imported(cells) -> set[str]:
    """The crosstrain modules a notebook's code cells import."""
    found = set()
    for cell in (c for c in cells if c.cell_type == "code"):
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("crosstrain"):
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("crosstrain")}
    return found


@pytest.mark.parametrize("module", MODULES, ids=[m.id for m in MODULES])
def test_an_assessment_keeps_every_lesson_cell(module):
    practice, assessment = _builds(module)
    kept = [cell for cell in assessment.cells if cell.get("id") != "assessment-note"]
    assert len(assessment.cells) == len(practice.cells) + 1 and assessment.cells[1].id == "assessment-note"
    assert [(c.cell_type, c.get("id")) for c in kept] == [(c.cell_type, c.get("id")) for c in practice.cells]
    changed = [(before, after) for before, after in zip(practice.cells, kept, strict=True) if before.source != after.source]
    assert all(before.cell_type == "code" and not before.metadata.get("nbgrader", {}).get("grade")
               and not before.metadata.get("nbgrader", {}).get("solution") for before, _ in changed)
    missing = {m for m in _imported(practice.cells) if m not in ALLOWED}
    count, expected_missing = OPEN[module.id]
    assert (len(changed), missing) == (count, expected_missing), [after.source[:80] for _, after in changed]
    for before, after in changed:  # what stays of a changed cell is its own lines, in order
        if after.source != LEFT_OUT:
            lines = before.source.splitlines()
            assert all(line in lines for line in after.source.splitlines()), after.source
    assert any("start(" in cell.source for cell in kept if cell.cell_type == "code"), "the notebook still starts"


def test_every_lesson_is_in_the_install_and_only_widgets_are_left_out():
    """Each module's lesson helpers import in an assessment; 08 keeps its plan's goal and inputs
    (exercises 1-3 divide by them) and the raw CRM."""
    assert set(LESSONS) <= ALLOWED
    assert all(m.startswith(WIDGETS) for _, missing in OPEN.values() for m in missing)
    _, assessment = _builds(next(m for m in MODULES if m.id == "08-alignment"))
    setup = next(cell.source for cell in assessment.cells if "start(" in cell.source)
    assert 'world, ex = start("08-alignment")' in setup and "raw = raw_variant(world)" in setup
    assert "import monthly_scorecard, plan_inputs, revenue_goal" in setup
    assert any("goal = revenue_goal(world)" in c.source and "inputs = plan_inputs(world)" in c.source for c in assessment.cells)
