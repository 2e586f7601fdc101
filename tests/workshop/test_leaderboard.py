"""The leaderboard reads a real nbgrader gradebook through nbgrader's own API."""

from __future__ import annotations

import re
import warnings

import pytest
from nbgrader.api import Gradebook

from crosstrain.course.config import COURSE_ID
from crosstrain.errors import CrosstrainError
from crosstrain.grading.nbgrader import nbgrader_on_path
from crosstrain.workshop.leaderboard import (
    build,
    by_learner,
    by_team,
    read_scores,
    watch,
    write_board,
)

SCORES = {"alice": (4, 2), "bob": (2, 1), "carol": (4, 2), "dave": (0, 0)}  # q1 (of 4), q2 (of 2)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A course whose gradebook has one assignment worth 6 points and four graded learners,
    plus erin, enrolled with nothing handed in. Tests only read it."""
    root = tmp_path_factory.mktemp("graded") / "course"
    root.mkdir()
    nbgrader_on_path()  # the Gradebook runs alembic from this venv
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{root / 'gradebook.db'}", COURSE_ID) as gb:
        warnings.simplefilter("ignore")  # nbgrader's spurious SAWarning on add_submission
        gb.add_assignment("00-orientation")
        gb.add_notebook("00-orientation", "00-orientation")
        gb.add_grade_cell("q1", "00-orientation", "00-orientation", max_score=4, cell_type="code")
        gb.add_grade_cell("q2", "00-orientation", "00-orientation", max_score=2, cell_type="code")
        for learner, (q1, q2) in SCORES.items():
            gb.add_student(learner)
            gb.add_submission("00-orientation", learner)
            for cell, score in (("q1", q1), ("q2", q2)):
                grade = gb.find_grade(cell, "00-orientation", "00-orientation", learner)
                grade.auto_score = score
            gb.db.commit()
        gb.add_student("erin")
    return root


def roster(tmp_path, text):
    path = tmp_path / "roster.csv"
    path.write_text(text)
    return path


def test_scores_from_the_gradebook(graded):
    scores = read_scores(graded)
    assert scores.assignments == ["00-orientation"] and scores.max_scores == {"00-orientation": 6}
    assert scores.percent("alice") == 100 and scores.percent("bob") == 50 and scores.percent("erin") == 0


def test_by_learner_ranks_ties_together(graded):
    rows = by_learner(read_scores(graded))
    assert [(r.rank, r.name) for r in rows] == [(1, "alice"), (1, "carol"), (3, "bob"), (4, "dave"), (4, "erin")]


def test_by_team_is_the_mean_of_members(graded, tmp_path):
    rows, strays = by_team(read_scores(graded), {"alice": "red", "bob": "red", "carol": "blue", "dave": "blue", "zoe": "blue"})
    assert [(r.name, round(r.percent, 2)) for r in rows] == [("red", 75.0), ("blue", 33.33)]
    assert rows[1].detail == "3 members, 2 with grades"
    assert strays == []


def test_page_refreshes_itself_and_names_strays(graded, tmp_path):
    path = roster(tmp_path, "learner_id,team\nalice,red\nbob,blue\n")
    html = build("team", path, graded, refresh=15)
    assert '<meta http-equiv="refresh" content="15">' in html
    assert re.search(r"<td>red</td><td class=\"num\">100%</td>", html)
    assert "Graded but on no team: carol, dave." in html


def test_watch_writes_the_page(graded, tmp_path):
    written = []
    watch(tmp_path / "board.html", "learner", None, graded, refresh=5, rounds=1, on_write=written.append)
    assert written == [tmp_path / "board.html"] and "alice" in written[0].read_text()


def test_bad_roster_and_missing_gradebook_are_one_line(graded, tmp_path):
    with pytest.raises(CrosstrainError, match=r"line 3: learner 'alice' is listed twice \(first on line 2\)"):
        write_board(tmp_path / "b.html", "team", roster(tmp_path, "learner_id,team\nalice,red\nalice,blue\n"), graded)
    with pytest.raises(CrosstrainError, match="needs --teams"):
        build("team", None, graded)
    with pytest.raises(CrosstrainError, match="no gradebook at"):
        read_scores(tmp_path / "empty")
    assert not (tmp_path / "b.html").exists()


def test_cli(graded, tmp_path, cli):
    ok = cli("workshop", "leaderboard", "--out", str(tmp_path / "b.html"), "--course", str(graded))
    assert ok.returncode == 0, ok.stderr
    assert "alice" in (tmp_path / "b.html").read_text()
    path = roster(tmp_path, "learner_id,team\nalice,red\nbob smith,blue\n")
    bad = cli("workshop", "leaderboard", "--by", "team", "--teams", str(path), "--course", str(graded))
    assert bad.returncode == 2
    assert bad.stderr.strip() == f"error: {path} line 3: 'bob smith' is not a valid learner id (letters, digits, '.', '_', '@', '-')"


def test_a_per_team_workshop_needs_no_roster_file(graded, tmp_path):
    import shutil

    from crosstrain.course.variants import save_assignment
    from crosstrain.workshop.variants import make_assignment

    course = shutil.copytree(graded, tmp_path / "course")
    with pytest.raises(CrosstrainError, match="--by team needs --teams ROSTER.csv"):
        build("team", None, course)
    save_assignment(course, make_assignment("per-team", "tiny", {"alice": "red", "bob": "blue"}))
    html = build("team", None, course)
    assert re.search(r"<td>red</td><td class=\"num\">100%</td>", html) and "Graded but on no team: carol, dave." in html
