"""A shared PostgreSQL gradebook: configured, migrated from SQLite row by row, written by two trainers at once.

A real server (Debian's PostgreSQL, tests/pgserver.py) on loopback, never a mock.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from handins import MODULE
from nbgrader.api import Base, Gradebook
from pgserver import postgres_server

from crosstrain.course.config import course_config, gradebook_url, with_driver
from crosstrain.grading.migrate import ALEMBIC
from crosstrain.grading.nbgrader import nbgrader_on_path

pytestmark = [pytest.mark.server]

CLI = [str(Path(sys.executable).parent / "crosstrain")]
nbgrader_on_path()  # a new nbgrader gradebook runs alembic


@pytest.fixture(scope="module")
def server():
    with postgres_server() as running:
        yield running


def _sqlite_gradebook(folder: Path, learners: list[str]) -> Path:
    """A course folder whose gradebook has an assignment, notebooks, cells, learners,
    submissions and grades (written through nbgrader's own API)."""
    course = folder / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text("")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "crosstrain") as gb:
        gb.update_or_create_assignment(MODULE)
        gb.update_or_create_notebook(MODULE, MODULE)
        for n in range(3):
            gb.update_or_create_grade_cell(f"q{n}", MODULE, MODULE, max_score=2, cell_type="code")
            gb.update_or_create_source_cell(f"q{n}", MODULE, MODULE, source="x = 1", cell_type="code", checksum=f"c{n}")
        for number, learner in enumerate(learners):
            gb.update_or_create_student(learner, first_name=f"Ä{learner}", last_name=None)
            gb.add_submission(MODULE, learner)
            for n in range(3):
                grade = gb.find_grade(f"q{n}", MODULE, MODULE, learner)
                grade.auto_score = (number + n) % 3 * 0.5
                grade.needs_manual_grade = False
            gb.db.commit()
    return course


def _rows(url: str) -> dict[str, list]:
    engine = sa.create_engine(with_driver(url))
    try:
        with engine.connect() as con:
            return {t.name: sorted(map(repr, (tuple(r) for r in con.execute(sa.select(t)))))
                    for t in [*Base.metadata.sorted_tables, ALEMBIC]}
    finally:
        engine.dispose()


def _migrate(course: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + ["gradebook", "migrate", "--to", url, "--course", str(course)],
                          capture_output=True, text=True, timeout=300)


def test_the_variable_and_the_course_settings_choose_the_gradebook(tmp_path, monkeypatch):
    assert gradebook_url(tmp_path) == f"sqlite:///{tmp_path.resolve() / 'gradebook.db'}"
    (tmp_path / "settings.yml").write_text("db_url: postgresql://trainer@db.example/course\n")
    assert course_config(tmp_path).CourseDirectory.db_url == "postgresql+psycopg://trainer@db.example/course"
    monkeypatch.setenv("CROSSTRAIN_DB_URL", "postgres://other@db.example/course")
    assert gradebook_url(tmp_path) == "postgresql+psycopg://other@db.example/course"


def test_migrate_copies_every_row_and_refuses_a_filled_target(server, tmp_path):
    learners = ["ann", "Ben", "_cat", "dan-4"]
    course = _sqlite_gradebook(tmp_path, learners)
    url = server.create_database("migrated")
    run = _migrate(course, url)
    assert run.returncode == 0, run.stderr
    source = _rows(f"sqlite:///{course / 'gradebook.db'}")
    assert source["grade"] and len(source["student"]) == 4 and source["alembic_version"]
    assert _rows(url) == source
    assert f"copied {sum(map(len, source.values()))} rows" in run.stdout and "CROSSTRAIN_DB_URL=" in run.stdout
    with Gradebook(with_driver(url), "crosstrain") as gb:  # nbgrader itself reads the copy
        assert [s.id for s in sorted(gb.students, key=lambda s: s.id)] == sorted(learners)
        assert gb.find_submission(MODULE, "Ben").score == pytest.approx(1.5)
    again = _migrate(course, url)
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "already holds a gradebook" in again.stderr and "nothing was copied" in again.stderr
    assert _rows(url) == source


def test_migrate_into_an_unreachable_server_says_so_in_one_line(server, tmp_path):
    course = _sqlite_gradebook(tmp_path, ["ann"])
    run = _migrate(course, f"postgresql://postgres:secret@127.0.0.1:{server.port}/no_such_db")
    assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
    assert "cannot copy the gradebook" in run.stderr and "no_such_db" in run.stderr and "secret" not in run.stderr


MODULES = ("m1", "m2", "m3")
OPENER = textwrap.dedent("""
    import sys
    from crosstrain.grading.nbgrader import nbgrader_on_path
    from crosstrain.grading.pipeline import open_submission
    nbgrader_on_path()
    url, assignment, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for n in range(count):
        open_submission(url, assignment, f"learner{n:03d}")
""")


def test_trainers_opening_the_same_learners_at_once_lose_none(server, tmp_path):
    """Three runs, three modules, the same new learners: each run adds a learner another
    may be adding at that very moment (without the retry, 2 rounds in 3 lost one)."""
    url = with_driver(server.create_database("concurrent"))
    with Gradebook(url, "crosstrain") as gb:
        for module in MODULES:
            gb.update_or_create_assignment(module)
    count = 30
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    runs = [subprocess.Popen([sys.executable, "-c", OPENER, url, module, str(count)], env=env, stderr=subprocess.PIPE, text=True)
            for module in MODULES]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0] * len(MODULES), errors
    with Gradebook(url, "crosstrain") as gb:
        assert len(gb.students) == count
        assert [len(gb.find_assignment(m).submissions) for m in MODULES] == [count] * len(MODULES)


def test_grading_against_an_unreachable_gradebook_stops_in_one_line(server, tmp_path):
    course = _sqlite_gradebook(tmp_path, ["ann"])
    (tmp_path / "hand-ins" / "ann").mkdir(parents=True)
    env = {**os.environ, "CROSSTRAIN_DB_URL": f"postgresql://postgres:secret@127.0.0.1:{server.port}/no_such_db"}
    run = subprocess.run(CLI + ["grade", MODULE, "--from", str(tmp_path / "hand-ins"), "--course", str(course), "--quiet"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
    assert "cannot reach the gradebook" in run.stderr and "nothing was graded" in run.stderr and "secret" not in run.stderr
