"""Learner paths cross-train: each hire learns the other team's side, the core is for everyone,
and each path is a plan of whole modules and minutes a manager can put in a calendar."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crosstrain.course.catalog import on_path
from crosstrain.course.schedule import DAY_MINUTES, plan_lines, plan_path
from crosstrain.course.syllabus import load_syllabus
from crosstrain.errors import CrosstrainError
from crosstrain.learner.progress import scan
from crosstrain.learner.workspace import MANIFEST
from crosstrain.paths import COURSE_DIR

CORE = {"00-orientation", "01-two-teams", "03-funnel-handoff", "08-alignment", "09-retention"}
SALES_SIDE = {"05-objections", "06-pipeline"}  # qualification (04), objections, pipeline and closing
MARKETING_SIDE = {"02-measuring", "07-attribution"}  # metrics, funnel (03), scoring (04), attribution
BOTH_SIDES = {"04-lead-scoring"}  # lead scoring is marketing's, qualification (MEDDPICC) is sales'


@pytest.fixture(scope="module")
def syllabus():
    return load_syllabus(COURSE_DIR)


def ids(modules) -> set[str]:
    return {m.id for m in modules}


def test_a_marketing_hire_learns_the_sales_side(syllabus):
    assert ids(on_path(syllabus, "marketing")) == CORE | SALES_SIDE | BOTH_SIDES


def test_a_sales_hire_learns_the_marketing_side(syllabus):
    assert ids(on_path(syllabus, "sales")) == CORE | MARKETING_SIDE | BOTH_SIDES


def test_everyone_is_the_core_and_all_is_every_module(syllabus):
    assert ids(on_path(syllabus, "everyone")) == CORE
    assert ids(on_path(syllabus, "all")) == set(syllabus.modules)
    assert ids(on_path(syllabus, "sales")) != ids(on_path(syllabus, "marketing"))


@pytest.mark.parametrize("path", ["marketing", "sales", "everyone", "all"])
def test_a_plan_is_whole_modules_in_days_that_add_up(syllabus, path):
    plan = plan_path(syllabus, path)
    assert [m for day in plan.days for m in day] == list(plan.modules) == on_path(syllabus, path)
    assert plan.minutes == sum(m.self_study_minutes for m in on_path(syllabus, path))
    for day in plan.days:
        assert len(day) == 1 or sum(m.self_study_minutes for m in day) <= DAY_MINUTES
    lines = plan_lines(plan)
    assert f"{plan.minutes} minutes of self-study" in lines[0] and f"{len(plan.days)} days" in lines[0]
    assert sum(line.startswith("  day ") for line in lines) == len(plan.days)


def test_the_paths_take_a_working_week_at_most(syllabus):
    minutes = {path: plan_path(syllabus, path).minutes for path in ("marketing", "sales", "everyone", "all")}
    assert minutes == {"marketing": 555, "sales": 585, "everyone": 345, "all": 720}
    assert len(plan_path(syllabus, "sales").days) == 4


def test_plan_splits_a_day_before_it_overflows(syllabus):
    plan = plan_path(syllabus, "all", day_minutes=100)
    assert [[m.id for m in day] for day in plan.days][:2] == [["00-orientation"], ["01-two-teams"]]


def test_an_unknown_path_is_one_line(syllabus):
    with pytest.raises(CrosstrainError, match="unknown path 'finance'"):
        plan_path(syllabus, "finance")


def test_progress_follows_the_workspace_path(tmp_path):
    (tmp_path / MANIFEST).parent.mkdir(parents=True)
    (tmp_path / MANIFEST).write_text(json.dumps({"path": "sales", "files": {}}))
    assert [p.module.id for p in scan(tmp_path, COURSE_DIR)] == [m.id for m in on_path(load_syllabus(COURSE_DIR), "sales")]
    result = subprocess.run([sys.executable, "-m", "crosstrain", "progress", "--workspace", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split()[:2] == ["module", "done"]  # the table first, then the plan
    assert "\npath 'sales' (hired into sales" in result.stdout
    assert "05-objections" not in result.stdout and "07-attribution: not in your workspace yet" in result.stdout
    assert "total" in result.stdout and "585" in result.stdout
