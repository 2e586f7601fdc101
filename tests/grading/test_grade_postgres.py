"""``crosstrain grade`` on a shared PostgreSQL gradebook: two trainers at once, and a run killed mid-batch.

A real server (tests/pgserver.py); the course names it in ``course/settings.yml``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from handins import MODULE, tiny_world
from nbgrader.api import Gradebook
from pgserver import postgres_server

from crosstrain.course.config import course_config
from crosstrain.grading.cohort import write_cohort
from crosstrain.grading.nbgrader import nbgrader_on_path
from crosstrain.paths import COURSE_DIR

pytestmark = [pytest.mark.kernel, pytest.mark.server]

CLI = [str(Path(sys.executable).parent / "crosstrain")]
SECOND = "01-two-teams"
COHORT = {"ann": "correct", "ben": "partial", "cat": "blank"}
nbgrader_on_path()


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Modules 00 and 01 built into a gradebook on a fresh PostgreSQL server."""
    from crosstrain.grading.build import build

    root = tmp_path_factory.mktemp("pg-course")
    with postgres_server() as server:
        course = root / "course"
        course.mkdir()
        for name in ("nbgrader_config.py", "syllabus.yml"):
            shutil.copy(COURSE_DIR / name, course / name)
        (course / "settings.yml").write_text(f"db_url: {server.create_database('course')}\n")
        with tiny_world():
            build([MODULE, SECOND], course_root=course, progress=False, world=False)
        yield course


def _grade(course: Path, module: str, hand_ins: Path, **popen) -> subprocess.Popen:
    env = {**os.environ, "CROSSTRAIN_WORLD": "tiny"}
    return subprocess.Popen(CLI + ["grade", module, "--from", str(hand_ins), "--course", str(course), "--quiet", "--workers", "1",
                                   "--timeout", "600", "--cell-timeout", "300"], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def _scores(course: Path, module: str) -> dict[str, float]:
    with Gradebook(course_config(course).CourseDirectory.db_url, "crosstrain") as gb:
        return {s.student.id: s.score for s in gb.find_assignment(module).submissions}


def _autograded_max(course: Path, module: str) -> float:
    with Gradebook(course_config(course).CourseDirectory.db_url, "crosstrain") as gb:
        notebook = gb.find_notebook(module, module)
        return sum(cell.max_score for cell in notebook.grade_cells if cell.cell_type == "code")


def test_the_gradebook_is_on_the_server(course):
    url = course_config(course).CourseDirectory.db_url
    assert url.startswith("postgresql+psycopg://") and not (course / "gradebook.db").exists()
    with Gradebook(url, "crosstrain") as gb:
        assert sorted(a.name for a in gb.assignments) == [MODULE, SECOND]


def test_two_trainers_grading_two_modules_at_once_lose_no_update(course, tmp_path):
    runs = {module: _grade(course, module, write_cohort(course, module, tmp_path / module, COHORT)) for module in (MODULE, SECOND)}
    outputs = {module: run.communicate(timeout=1500) for module, run in runs.items()}
    for module, run in runs.items():
        assert run.returncode == 0, outputs[module][1]
        assert outputs[module][0].startswith(f"{module}: graded 3, skipped 0 unchanged, not graded 0"), outputs[module][0]
    assert _scores(course, MODULE) == {"ann": 6, "ben": 3, "cat": 0}
    second = _scores(course, SECOND)
    assert second["ann"] == _autograded_max(course, SECOND) > second["ben"] > second["cat"] == 0
    with Gradebook(course_config(course).CourseDirectory.db_url, "crosstrain") as gb:
        assert sorted(s.id for s in gb.students) == sorted(COHORT)
    assert (course / "autograded" / ".crosstrain" / "gradebook-before-grade.db").is_file()


def _graded_learners(url: str, module: str, learners) -> int:
    """How many of ``learners`` have an autograded score in the gradebook."""
    engine = sa.create_engine(url)
    query = sa.text("SELECT DISTINCT sa.student_id FROM grade g JOIN submitted_notebook sn ON g.notebook_id = sn.id "
                    "JOIN submitted_assignment sa ON sn.assignment_id = sa.id JOIN assignment a ON sa.assignment_id = a.id "
                    "WHERE a.name = :module AND g.auto_score IS NOT NULL")
    try:
        with engine.connect() as con:
            return len({row[0] for row in con.execute(query, {"module": module})} & set(learners))
    finally:
        engine.dispose()


def test_a_run_killed_mid_batch_is_finished_by_running_it_again(course, tmp_path):
    cohort = {"eve": "correct", "fay": "partial", "gus": "blank", "hal": "correct", "ida": "partial"}
    hand_ins = write_cohort(course, MODULE, tmp_path / "hand-ins", cohort)
    url = course_config(course).CourseDirectory.db_url
    first = _grade(course, MODULE, hand_ins, start_new_session=True)
    deadline = time.monotonic() + 900
    while not _graded_learners(url, MODULE, cohort):
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "no learner was graded in 15 minutes"
        time.sleep(0.3)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    assert _graded_learners(url, MODULE, cohort) < len(cohort), "the run finished before it was killed"
    again = _grade(course, MODULE, hand_ins)
    out, err = again.communicate(timeout=1500)
    assert again.returncode == 0, err
    assert out.startswith(f"{MODULE}: graded 5, skipped 0 unchanged, not graded 0"), out
    scores = _scores(course, MODULE)
    assert {learner: scores[learner] for learner in cohort} == {"eve": 6, "fay": 3, "gus": 0, "hal": 6, "ida": 3}
    with Gradebook(url, "crosstrain") as gb:  # one submission each, every grade cell scored once
        cells = len(gb.find_notebook(MODULE, MODULE).grade_cells)
        for learner in cohort:
            graded = gb.find_submission(MODULE, learner).notebooks
            assert len(graded) == 1 and len(graded[0].grades) == cells
