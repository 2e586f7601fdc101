"""Rubrics two trainers apply the same way, and objectives that are all assessed.

Every written answer's rubric has a level, with a descriptor and an example answer, for
each score from 0 to the answer's points (as the module source and so the syllabus give
them); every syllabus objective names graded items the module has, and the objectives
issue 15 found unassessed are assessed by an item that asks about them.
"""

from __future__ import annotations

import pytest

from crosstrain.course.sources import read_source, source_path
from crosstrain.course.syllabus import load_syllabus
from crosstrain.grading.graders import rubric_path
from crosstrain.grading.rubrics import levels, problems
from crosstrain.notebook.exercises import exercises_of
from crosstrain.paths import COURSE_DIR, MODULES_DIR

MODULES = [m for m in load_syllabus(COURSE_DIR).modules.values() if source_path(MODULES_DIR, m.id).is_file()]


def _cells(module_id: str):
    return read_source(source_path(MODULES_DIR, module_id))


def _graded(module_id: str) -> dict[str, float]:
    """The module's graded items and their points: autograded exercises and written answers."""
    points = {name: e.points for name, e in exercises_of(module_id).items()}
    points.update({c.name: c.points or 1 for c in _cells(module_id) if c.kind == "written"})
    tested = {c.name for c in _cells(module_id) if c.kind in ("tests", "written")}
    return {name: p for name, p in points.items() if name in tested}


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.id)
def test_each_rubric_has_a_level_for_every_score_up_to_its_points(module):
    written = [c for c in _cells(module.id) if c.kind == "written"]
    found = [p for c in written for p in problems(rubric_path(module.id, c.name), c.name, c.points or 1)]
    assert not found, "\n".join(found)
    assert sum(_graded(module.id).values()) == module.points  # the rubric's points add up to the syllabus's


def test_the_levels_check_fails_on_a_missing_level_and_wrong_points(tmp_path):
    rubric = tmp_path / "m" / "rubrics" / "essay.md"
    rubric.parent.mkdir(parents=True)
    rubric.write_text("# Rubric: essay (2 points)\n\n## Levels\n\n| Score | The answer... | Example |\n|---|---|---|\n"
                      "| 0 | is blank or off topic | \"Teams should talk.\" |\n| 2 | meets every criterion | the model answer |\n")
    assert [lvl.score for lvl in levels(rubric.read_text())] == [0, 2]
    assert problems(rubric, "essay", 2) == ["graders/m/rubrics/essay.md: the ## Levels table has no level for 1 (every score from 0 to 2 needs one)"]
    assert "the first line must be '# Rubric: essay (3 points)'" in problems(rubric, "essay", 3)[0]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.id)
def test_every_objective_is_assessed_by_graded_items_that_exist(module):
    graded = _graded(module.id)
    for objective in module.objectives:
        assert objective.exercises, f"{module.id} {objective.id} names no graded item"
        unknown = [e for e in objective.exercises if e not in graded]
        assert not unknown, f"{module.id} {objective.id} names {unknown}, which the module does not grade"
    unassessed = set(graded) - module.exercise_names
    assert not unassessed, f"{module.id}: {sorted(unassessed)} assess no objective in the syllabus"


# The objectives issue 15 found without an exercise, the item now assessing each, and the
# words its prompt (and rubric, for a written answer) must use for it to really assess it.
ISSUE_15 = [
    ("00-orientation", "read-the-tables", "reflection", ("join", "id column")),
    ("01-two-teams", "icp", "icp_why", ("win rate alone", "revenue per closed deal")),
    ("03-funnel-handoff", "speed-to-lead", "sla_draft", ("HBR", "MIT")),
    ("04-lead-scoring", "qualification-frameworks", "q8", ("CHAMP",)),
]


@pytest.mark.parametrize("module_id,objective_id,item,words", ISSUE_15, ids=[row[0] for row in ISSUE_15])
def test_the_objectives_found_unassessed_have_an_item_that_asks_about_them(module_id, objective_id, item, words):
    module = load_syllabus(COURSE_DIR).module(module_id)
    objective = next(o for o in module.objectives if o.id == objective_id)
    assert item in objective.exercises
    if item in exercises_of(module_id):
        cells = _cells(module_id)
        answer = next(i for i, c in enumerate(cells) if c.kind == "answer" and c.name == item)
        asked = exercises_of(module_id)[item].question + cells[answer - 1].source  # the question and the lesson cell above
        rubric = asked
    else:
        cells = _cells(module_id)
        written = next(i for i, c in enumerate(cells) if c.kind == "written" and c.name == item)
        asked = cells[written - 1].source  # the prompt, in the locked cell above the answer
        rubric = rubric_path(module_id, item).read_text(encoding="utf-8")
    for word in words:
        assert word.lower() in asked.lower() or word.lower() in rubric.lower(), f"{module_id} {item} never asks about {word!r}"
        assert word.lower() in rubric.lower(), f"the rubric of {module_id} {item} does not grade {word!r}"
