"""Data variants: derived seeds, the course's assignment file, the plan and the hub hook."""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

from crosstrain.course.variants import (
    Assignment,
    assignment_path,
    derive_seed,
    load_assignment,
    save_assignment,
)
from crosstrain.errors import CrosstrainError
from crosstrain.grading.worlds import GradingWorlds
from crosstrain.paths import COURSE_DIR
from crosstrain.workshop.variants import make_assignment


def _roster(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_seeds_are_derived_stably_and_differ_by_key_and_salt():
    seeds = {key: derive_seed(20261001, key) for key in ("red", "blue", "green", "ana", "ben")}
    assert len(set(seeds.values())) == len(seeds)
    assert all(0 <= s < 2**32 for s in seeds.values())
    assert derive_seed(20261001, "red") == seeds["red"]
    assert derive_seed(20261001, "red", salt="cohort-2") != seeds["red"]
    assert derive_seed(1, "red") != seeds["red"]


def test_teammates_share_a_world_and_other_teams_do_not():
    a = make_assignment("per-team", "tiny", {"ana": "red", "cara": "red", "ben": "blue"})
    assert a.seed_for("ana") == a.seed_for("cara") != a.seed_for("ben")
    assert a.seed_for("zed") is None
    learners = make_assignment("per-learner", "tiny")
    assert learners.seed_for("ana") != learners.seed_for("cara")  # no roster needed: the id is the key


def test_per_team_without_a_roster_and_an_unknown_variant_are_refused():
    with pytest.raises(CrosstrainError, match="per-team data needs a roster"):
        make_assignment("per-team", "tiny")
    with pytest.raises(CrosstrainError, match="unknown data variant 'per-desk'"):
        make_assignment("per-desk", "tiny")
    assert make_assignment("shared", "tiny") is None


def test_the_assignment_round_trips_and_a_damaged_one_is_one_line(tmp_path):
    made = make_assignment("per-team", "tiny", {"ana": "red", "ben": "blue"}, salt="s1")
    path = save_assignment(tmp_path, made)
    assert load_assignment(tmp_path) == made
    assert json.loads(path.read_text())["seeds"] == {"blue": made.seed_for("ben"), "red": made.seed_for("ana")}
    path.write_text('{"variant": "per-team"', encoding="utf-8")
    with pytest.raises(CrosstrainError, match="data-variants.json is damaged"):
        load_assignment(tmp_path)
    save_assignment(tmp_path, None)
    assert not path.exists() and load_assignment(tmp_path) is None


def test_grading_follows_the_assignment(tmp_path):
    assert GradingWorlds(tmp_path, "tiny").of("ana").env() == {"CROSSTRAIN_WORLD": "tiny"}
    save_assignment(tmp_path, Assignment("per-team", "tiny", 1, "", {"ana": "red"}))
    worlds = GradingWorlds(tmp_path, "default")
    assert worlds.of("ana").env() == {"CROSSTRAIN_WORLD": "tiny", "CROSSTRAIN_SEED": str(derive_seed(1, "red"))}
    stray = worlds.of("zed")
    assert stray.seed is None and stray.problem.startswith("not on the workshop roster")


def test_plan_per_team_writes_the_assignment_seeds_and_each_teams_answers(course, tmp_path, cli):
    roster = _roster(tmp_path, "learner_id,team\nana,red\nben,blue\ncara,red\n")
    out = tmp_path / "plan"
    result = cli("workshop", "plan", "--modules", "00", "--minutes", "60", "--variant", "per-team", "--roster", str(roster),
                 "--course", str(course), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assignment = load_assignment(course)
    assert assignment.variant == "per-team" and assignment.teams == {"ana": "red", "ben": "blue", "cara": "red"}
    assert f"data: per-team worlds, saved in {assignment_path(course)}" in result.stdout
    agenda = (out / "agenda.md").read_text()
    assert "## Data: a world per team" in agenda
    assert f"| red | {assignment.seed_for('ana')} | ana, cara |" in agenda
    assert "2 teams" in agenda  # the team count comes from the roster
    table = agenda.split("**Answers to expect, per team**")[1].split("**Common mistakes**")[0]
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[3:5]] for line in table.splitlines()
            if line.startswith("| q")}
    assert "| Exercise | Question | Team blue | Team red | Points |" in table
    assert any(blue != red and red != "same" for blue, red in rows.values())  # the data differs between teams
    assert any(red == "same" for _, red in rows.values())  # a question about concepts does not
    again = cli("workshop", "plan", "--modules", "00", "--minutes", "60", "--variant", "shared", "--course", str(course),
                "--out", str(out))
    assert again.returncode == 0 and "data: one shared world for everyone" in again.stdout
    assert load_assignment(course) is None


def test_plan_variant_mistakes_are_one_line_and_change_nothing(course, tmp_path, cli):
    result = cli("workshop", "plan", "--modules", "00", "--minutes", "60", "--variant", "per-team", "--course", str(course),
                 "--out", str(tmp_path / "plan"))
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: --variant per-team needs --roster ROSTER.csv (columns learner_id,team): "
                                     "the grader must know each learner's team")
    duplicate = _roster(tmp_path, "learner_id,team\nana,red\nana,blue\n")
    result = cli("workshop", "plan", "--modules", "00", "--minutes", "60", "--variant", "per-team", "--roster", str(duplicate),
                 "--course", str(course), "--out", str(tmp_path / "plan"))
    assert result.returncode == 2 and "learner 'ana' is listed twice" in result.stderr
    assert not assignment_path(course).exists() and not (tmp_path / "plan").exists()


def test_the_hub_starts_each_learner_on_their_own_world(course, tmp_path, monkeypatch):
    """The hub config's spawn hook, run as JupyterHub runs it, with the course's assignment."""
    save_assignment(course, make_assignment("per-learner", "tiny"))
    monkeypatch.setenv("CROSSTRAIN_COURSE_DIR", str(course))
    monkeypatch.setenv("CROSSTRAIN_HUB_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("CROSSTRAIN_TRAINERS", "tess")
    config = SimpleNamespace(JupyterHub=SimpleNamespace(), ConfigurableHTTPProxy=SimpleNamespace(), Spawner=SimpleNamespace(),
                             Authenticator=SimpleNamespace(), DummyAuthenticator=SimpleNamespace())
    hook = runpy.run_path(str(COURSE_DIR / "hub" / "jupyterhub_config.py"), init_globals={"get_config": lambda: config})["configure_user"]
    spawned = {}
    for name in ("ana", "ben", "tess"):
        spawner = SimpleNamespace(user=SimpleNamespace(name=name), environment={})
        hook(spawner)
        spawned[name] = spawner.environment
    expected = make_assignment("per-learner", "tiny")
    assert spawned["ana"]["CROSSTRAIN_SEED"] == str(expected.seed_for("ana")) != spawned["ben"]["CROSSTRAIN_SEED"]
    assert spawned["ana"]["CROSSTRAIN_WORLD"] == "tiny"
    assert "CROSSTRAIN_SEED" not in spawned["tess"]  # the trainer works on the course, not on a seat


def test_the_zero_to_jupyterhub_sketch_derives_the_same_seeds(tmp_path):
    """The Kubernetes values carry their own copy of the derivation: it must agree."""
    import builtins
    import io

    import yaml

    snippet = yaml.safe_load((COURSE_DIR / "hub" / "z2jh-values.yaml").read_text())["hub"]["extraConfig"]["crosstrain-variants"]
    made = make_assignment("per-team", "tiny", {"ana": "red", "ben": "blue"}, salt="k8s")
    text = made.to_json()
    c = SimpleNamespace(KubeSpawner=SimpleNamespace())
    real_open = builtins.open
    fake_open = lambda path, *a, **k: io.StringIO(text) if str(path).endswith("data-variants.json") else real_open(path, *a, **k)  # noqa: E731
    exec(snippet, {"c": c, "open": fake_open})
    for name in ("ana", "ben", "zed"):
        spawner = SimpleNamespace(user=SimpleNamespace(name=name), environment={})
        c.KubeSpawner.pre_spawn_hook(spawner)
        seed = made.seed_for(name)
        assert spawner.environment.get("CROSSTRAIN_SEED") == (None if seed is None else str(seed)), name
