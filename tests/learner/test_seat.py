"""A learner's seat in a per-team workshop: Lab, notebooks and submit load their own world."""

from __future__ import annotations

from pathlib import Path

import pytest
from labserver import Lab, free_port

from crosstrain.course.variants import SEAT_FILE, read_seat, save_assignment
from crosstrain.errors import CrosstrainError
from crosstrain.learner.seat import take_seat
from crosstrain.learner.submit import submit
from crosstrain.learner.workspace import prepare
from crosstrain.notebook import start
from crosstrain.notebook.exercises import exercises_of
from crosstrain.workshop.variants import make_assignment

MODULE = "00-orientation"
ROSTER = {"ana": "red", "cara": "red", "ben": "blue"}


@pytest.fixture
def team_course(course):
    save_assignment(course, make_assignment("per-team", "tiny", ROSTER))
    return course


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


@pytest.mark.server
def test_lab_starts_with_the_learners_own_world(team_course, tmp_path):
    ws, port = tmp_path / "ws", free_port()
    lab = Lab(["--workspace", str(ws), "--learner", "ana", "--port", str(port), "--no-browser", "--course", str(team_course)],
              tmp_path / "lab.log")
    seed = make_assignment("per-team", "tiny", ROSTER).seed_for("ana")
    try:
        lab.wait_for(f"http://127.0.0.1:{port}/lab")
        env = _environ(lab.proc.pid)  # Lab replaced the crosstrain process; its kernels inherit this
        assert env["CROSSTRAIN_SEED"] == str(seed) and env["CROSSTRAIN_WORLD"] == "tiny"
    finally:
        lab.stop()
    assert f"ana works on team red's own world (tiny, seed {seed})" in lab.log.read_text()
    assert read_seat(ws).seed == seed


def test_lab_without_a_learner_id_in_a_variant_workshop_is_one_line_and_copies_nothing(team_course, tmp_path, cli):
    result = cli("lab", "--workspace", str(tmp_path / "ws"), "--no-browser", "--course", str(team_course))
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: this course gives each team its own data: start with "
                                     "`crosstrain lab --learner YOUR_ID` so your notebooks load your world")
    assert not (tmp_path / "ws").exists()


def test_a_learner_off_the_roster_is_told_and_nothing_is_copied(team_course, tmp_path, cli):
    result = cli("lab", "--workspace", str(tmp_path / "ws"), "--learner", "zed", "--no-browser", "--course", str(team_course))
    assert result.returncode == 2
    assert "learner 'zed' is on no team of this workshop's roster" in result.stderr
    assert not (tmp_path / "ws").exists()


def test_a_workspace_belongs_to_one_learner(team_course, tmp_path):
    ws = tmp_path / "ws"
    take_seat(ws, team_course, "ana")
    with pytest.raises(CrosstrainError, match="is ana's: give ben their own with --workspace"):
        take_seat(ws, team_course, "ben")
    seat, lines = take_seat(ws, team_course, None)  # remembered
    assert seat.learner == "ana" and lines


def test_when_the_workshop_ends_the_seat_goes_and_the_shared_world_returns(team_course, tmp_path):
    ws = tmp_path / "ws"
    take_seat(ws, team_course, "ana")
    save_assignment(team_course, None)
    seat, lines = take_seat(ws, team_course, None)
    assert seat is None and not (ws / SEAT_FILE).exists()
    assert lines == ["this course no longer gives teams their own data: ana is back on the shared world"]


def test_submitting_someone_elses_workspace_is_refused(team_course, tmp_path):
    ws = tmp_path / "ws"
    prepare(ws, "all", team_course)
    take_seat(ws, team_course, "ana")
    with pytest.raises(CrosstrainError, match="this workspace is ana's"):
        submit(MODULE, ws, "ben", course_root=team_course)
    assert submit(MODULE, ws, None, out_dir=tmp_path / "out", course_root=team_course).learner == "ana"


def test_notebooks_and_self_checks_follow_the_seat(team_course, tmp_path, monkeypatch, capsys):
    """A Lab opened by hand (no environment) still loads the seat's world from the notebook's folder."""
    for name in ("CROSSTRAIN_SEED", "CROSSTRAIN_WORLD"):
        monkeypatch.delenv(name, raising=False)
    assignment = make_assignment("per-team", "tiny", ROSTER)
    mine, theirs = {}, {}
    for learner, answers in (("ana", mine), ("ben", theirs)):
        ws = tmp_path / learner
        prepare(ws, "all", team_course)
        take_seat(ws, team_course, learner)
        monkeypatch.chdir(ws / MODULE)
        world, ex = start(MODULE)
        assert world.seed == assignment.seed_for(learner) and world.name == "tiny"
        answers.update({name: exercise.expected(world) for name, exercise in exercises_of(MODULE).items()})
    assert f"Your data: team blue's own world (seed {assignment.seed_for('ben')})" in capsys.readouterr().out
    # still in ben's module folder: his own answers pass, ana's data-dependent ones do not
    _, ex = start(MODULE)
    differing = [name for name in mine if mine[name] != theirs[name]]
    assert differing
    for name in mine:
        bound = getattr(ex, name)
        assert bound.exercise.check(theirs[name], bound.world).correct
        assert bound.exercise.check(mine[name], bound.world).correct == (name not in differing)


def test_the_environment_wins_over_the_seat_and_a_bad_seed_is_one_line(team_course, tmp_path, monkeypatch):
    ws = tmp_path / "ws"
    take_seat(ws, team_course, "ana")
    monkeypatch.chdir(ws)
    monkeypatch.setenv("CROSSTRAIN_SEED", "7")
    world, _ = start(MODULE)
    assert world.seed == 7
    monkeypatch.setenv("CROSSTRAIN_SEED", "seven")
    with pytest.raises(CrosstrainError, match="CROSSTRAIN_SEED='seven' is not a whole number"):
        start(MODULE)


def test_progress_names_the_learners_world(team_course, tmp_path, cli):
    ws = tmp_path / "ws"
    prepare(ws, "all", team_course)
    seat, _ = take_seat(ws, team_course, "ben")
    result = cli("progress", "--workspace", str(ws), "--course", str(team_course))
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(f"data: ben works on team blue's own world (tiny, seed {seat.seed})")
