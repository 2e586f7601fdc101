"""``crosstrain workshop leaderboard``: a self-refreshing scores page from the gradebook.

Opt-in: nothing is published unless a facilitator runs the command. The page reloads
itself (``<meta http-equiv="refresh">``); with ``--watch`` the command rewrites it
whenever the gradebook changes, so a projected browser tab stays live during grading.
Scores are read with nbgrader's own ``Gradebook`` API, over the modules of the workshop
(``--modules``, else the course's last plan, else the modules somebody handed in), never
every module built. A team's score is the mean of its members' percentages, so a big team
does not win by size; a member with no graded hand-in counts as 0%.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

from crosstrain.course.config import COURSE_ID, course_config
from crosstrain.errors import CrosstrainError
from crosstrain.grading.nbgrader import nbgrader_on_path
from crosstrain.paths import COURSE_DIR
from crosstrain.workshop.html import page, write

REFRESH_SECONDS = 30
BY = ("learner", "team")

BOARD_CSS = """
body { max-width: 48rem; font-size: 1.25rem; }
table { width: 100%; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.top td { font-weight: 700; }
.bar { background: #dfe6f3; height: .5rem; border-radius: .25rem; }
.bar span { display: block; height: 100%; background: #2f6fde; border-radius: .25rem; }
.meta { color: #5b6477; font-size: .9rem; }
"""


@dataclass
class Scores:
    """Each learner's score and the maximum per assignment, as the gradebook holds them."""

    assignments: list[str]
    max_scores: dict[str, float]
    learners: dict[str, dict[str, float]] = field(default_factory=dict)  # learner -> assignment -> score

    def percent(self, learner: str) -> float:
        total = sum(self.max_scores.values())
        return 100 * sum(self.learners.get(learner, {}).values()) / total if total else 0.0


@dataclass(frozen=True)
class Row:
    rank: int
    name: str
    percent: float
    detail: str


def read_scores(course_root: Path = COURSE_DIR, modules: list[str] | None = None) -> Scores:
    """Scores over ``modules`` (None: those with a hand-in) from ``course/gradebook.db``."""
    db_url = course_config(course_root).CourseDirectory.db_url
    path = Path(db_url.removeprefix("sqlite:///"))
    if db_url.startswith("sqlite:///") and not path.is_file():  # a server's gradebook says so itself
        raise CrosstrainError(f"no gradebook at {path}: build the course and grade some hand-ins first (crosstrain grade MODULE --from FOLDER)")
    from nbgrader.api import Gradebook

    nbgrader_on_path()
    try:
        with Gradebook(db_url, COURSE_ID) as gradebook:
            built = {a.name: a for a in gradebook.assignments}
            if modules is None:
                assignments = sorted(name for name, a in built.items() if a.num_submissions)
            else:
                assignments = [m for m in modules if m in built]
            scores = Scores(assignments, {name: float(built[name].max_score or 0) for name in assignments})
            for student in gradebook.students:
                scores.learners.setdefault(student.id, {})
            for name in assignments:
                for sub in gradebook.submission_dicts(name):
                    scores.learners.setdefault(sub["student"], {})[name] = float(sub["score"] or 0)
    except CrosstrainError:
        raise
    except Exception as exc:  # SQLAlchemy raises many types for a damaged or foreign file
        raise CrosstrainError(f"cannot read the gradebook {path} ({type(exc).__name__}): is it nbgrader's gradebook.db?") from None
    return scores


def by_learner(scores: Scores) -> list[Row]:
    rows = [(learner, scores.percent(learner), f"{len(done)}/{len(scores.assignments)} graded")
            for learner, done in scores.learners.items()]
    return _ranked(rows)


def by_team(scores: Scores, roster: dict[str, str]) -> tuple[list[Row], list[str]]:
    """Team rows, and the graded learners the roster does not place in any team."""
    members: dict[str, list[str]] = {}
    for learner, team in roster.items():
        members.setdefault(team, []).append(learner)
    rows = []
    for team, people in members.items():
        mean = sum(scores.percent(p) for p in people) / len(people)
        graded = sum(1 for p in people if scores.learners.get(p))
        rows.append((team, mean, f"{len(people)} member{'s' * (len(people) != 1)}, {graded} with grades"))
    strays = sorted(learner for learner, done in scores.learners.items() if done and learner not in roster)
    return _ranked(rows), strays


def _ranked(rows: list[tuple[str, float, str]]) -> list[Row]:
    ordered = sorted(rows, key=lambda r: (-round(r[1], 6), r[0]))
    out, rank, previous = [], 0, None
    for position, (name, percent, detail) in enumerate(ordered, start=1):
        if previous is None or round(percent, 6) != previous:
            rank, previous = position, round(percent, 6)
        out.append(Row(rank, name, percent, detail))
    return out


def render(rows: list[Row], by: str, scores: Scores, strays: list[str] = (), refresh: int = REFRESH_SECONDS,
           now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%H:%M:%S")
    body_rows = "".join(
        f'<tr class="{"top" if r.rank == 1 else ""}"><td class="num">{r.rank}</td><td>{escape(r.name)}</td>'
        f'<td class="num">{r.percent:.0f}%</td><td><div class="bar"><span style="width:{min(100, max(0, r.percent)):.0f}%"></span></div></td>'
        f'<td class="meta">{escape(r.detail)}</td></tr>'
        for r in rows
    ) or '<tr><td colspan="5">No learners in the gradebook yet.</td></tr>'
    note = f'<p class="meta">Graded but on no team: {escape(", ".join(strays))}.</p>' if strays else ""
    assignments = ", ".join(scores.assignments) or "none yet"
    body = (f"<h1>Leaderboard by {escape(by)}</h1>"
            f'<p class="meta">Assignments: {escape(assignments)}. Updated {stamp}; this page reloads every {refresh} s.</p>'
            f'<table><thead><tr><th class="num">#</th><th>{escape(by)}</th><th class="num">score</th><th></th><th></th></tr></thead>'
            f"<tbody>{body_rows}</tbody></table>{note}")
    return page(f"Leaderboard by {by}", body, BOARD_CSS, refresh_seconds=refresh)


def scored_modules(course_root: Path, modules: str | None = None) -> list[str] | None:
    """``--modules`` (``03,05``) as module ids, else the last plan's; None: neither."""
    if modules:
        from crosstrain.course.catalog import resolve_all
        from crosstrain.course.syllabus import load_syllabus

        return [m.id for m in resolve_all(load_syllabus(course_root), modules)]
    from crosstrain.workshop.session import planned_modules

    return planned_modules(course_root)


def build(by: str, roster_file: Path | None, course_root: Path = COURSE_DIR, refresh: int = REFRESH_SECONDS,
          modules: str | None = None) -> str:
    """The page's HTML for ``by`` learner or team (a team board needs the roster)."""
    if by not in BY:
        raise CrosstrainError(f"--by {by}: choose learner or team")
    roster = None
    if roster_file is not None:
        from crosstrain.workshop.roster import read_roster

        roster = read_roster(roster_file)
    elif by == "team":
        from crosstrain.course.variants import load_assignment

        planned = load_assignment(course_root)  # a per-team workshop already knows its teams
        if planned is None or planned.variant != "per-team":
            raise CrosstrainError("--by team needs --teams ROSTER.csv (columns learner_id,team)")
        roster = dict(planned.teams)
    scores = read_scores(course_root, scored_modules(course_root, modules))
    if by == "team":
        rows, strays = by_team(scores, roster)
        return render(rows, by, scores, strays, refresh)
    return render(by_learner(scores), by, scores, refresh=refresh)


def write_board(out: Path | str, by: str, roster_file: Path | None, course_root: Path = COURSE_DIR,
                refresh: int = REFRESH_SECONDS, modules: str | None = None) -> Path:
    return write(out, build(by, roster_file, course_root, refresh, modules))


def watch(out: Path | str, by: str, roster_file: Path | None, course_root: Path = COURSE_DIR,
          refresh: int = REFRESH_SECONDS, rounds: int | None = None, on_write=None, modules: str | None = None) -> None:
    """Rewrite the page whenever the gradebook or roster changes, until interrupted
    (or for ``rounds`` checks, for tests)."""
    watched = [Path(course_config(course_root).CourseDirectory.db_url.removeprefix("sqlite:///"))]
    if roster_file is not None:
        watched.append(Path(roster_file))
    last = None
    done = 0
    while rounds is None or done < rounds:
        stamp = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in watched)
        if stamp != last:
            path = write_board(out, by, roster_file, course_root, refresh, modules)
            last = stamp
            if on_write:
                on_write(path)
        done += 1
        if rounds is None or done < rounds:
            time.sleep(max(1, refresh // 3))
