"""The Lab config ``crosstrain lab`` writes for each launch: what each role sees, where terminals
find ``crosstrain``, and that nothing lands in the user's own Jupyter config."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from crosstrain.learner import labconfig
from crosstrain.learner.lab import configure, trainer_root
from crosstrain.learner.labconfig import LEARNER, TRAINER, LabSetup
from crosstrain.learner.workspace import MANIFEST, default_workspace

NBGRADER_TOOLS = {"formgrader", "create-assignment", "course-list", "assignment-list"}


def disabled(setup: LabSetup) -> set[str]:
    return {name for name, off in labconfig.page_config(setup)["disabledExtensions"].items() if off}


def nbgrader_config(folder: Path):
    return PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()


@pytest.fixture(autouse=True)
def no_hub_exchange(monkeypatch):
    monkeypatch.delenv("CROSSTRAIN_EXCHANGE", raising=False)


def test_a_learner_without_an_exchange_gets_only_the_validate_button(tmp_path):
    setup = LabSetup(LEARNER, tmp_path / "cfg", tmp_path / "course", exchange=None)
    off = disabled(setup)
    assert off == {f"@jupyter/nbgrader:{tool}" for tool in NBGRADER_TOOLS | {"menu"}} | {labconfig.NEWS}
    assert "@jupyter/nbgrader:validate-assignment" not in off
    assert labconfig.server_extensions(setup)["ServerApp"]["jpserver_extensions"] == {
        "nbgrader.server_extensions.formgrader": False, "nbgrader.server_extensions.course_list": False,
        "nbgrader.server_extensions.assignment_list": False}


def test_a_learner_with_an_exchange_keeps_the_assignment_list(tmp_path, monkeypatch):
    exchange = tmp_path / "hub-exchange"
    exchange.mkdir()
    monkeypatch.setenv("CROSSTRAIN_EXCHANGE", str(exchange))
    setup = LabSetup(LEARNER, tmp_path / "cfg", tmp_path / "course", labconfig.exchange_of(tmp_path / "course"))
    assert disabled(setup) == {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                               "@jupyter/nbgrader:course-list", labconfig.NEWS}  # the course list lists formgraders
    labconfig.write(setup)
    config = nbgrader_config(setup.config_dir)
    assert config.Exchange.root == str(exchange.resolve()) and config.CourseDirectory.course_id == "crosstrain"
    assert "--InteractiveShell.xmode=Minimal" in config.Execute.extra_arguments  # the validate button, in one line per error


def test_the_trainer_keeps_the_formgrader_which_finds_the_course_from_any_folder(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    setup = LabSetup(TRAINER, tmp_path / "cfg", course, exchange=None)
    assert disabled(setup) == {"@jupyter/nbgrader:course-list", "@jupyter/nbgrader:assignment-list", labconfig.NEWS}
    labconfig.write(setup)
    config = nbgrader_config(setup.config_dir)
    assert config.CourseDirectory.root == str(course.resolve())
    assert config.CourseDirectory.db_url == f"sqlite:///{course.resolve() / 'gradebook.db'}"
    assert "extra_arguments" not in config.Execute  # a trainer grading from Lab's terminal keeps full tracebacks


def test_the_trainer_gets_a_local_exchange_but_not_a_hubs(tmp_path, monkeypatch):
    assert labconfig.make_local_exchange(tmp_path) == tmp_path / "exchange" and (tmp_path / "exchange").is_dir()
    monkeypatch.setenv("CROSSTRAIN_EXCHANGE", str(tmp_path / "missing"))
    assert labconfig.make_local_exchange(tmp_path) is None and not (tmp_path / "missing").exists()
    assert labconfig.exchange_of(tmp_path) is None  # the hub's exchange is missing: nothing lists courses


def test_the_trainer_lab_opens_beside_the_graders_when_there_are_any(course, tmp_path):
    assert trainer_root(course) == course.resolve()
    (course.parent / "graders").mkdir()
    assert trainer_root(course) == course.parent.resolve()


def test_configure_writes_under_the_workspace_and_leaves_the_users_jupyter_alone(course, tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", "/etc/site-jupyter")
    ws = tmp_path / "ws"
    env = configure(LEARNER, ws, course)
    folder = ws / labconfig.FOLDER
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(folder), "/etc/site-jupyter"]
    assert env["PATH"].split(os.pathsep)[0] == str(Path(sys.executable).parent)
    assert json.loads((folder / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    shell = json.loads((folder / "jupyter_server_config.json").read_text())["ServerApp"]["terminado_settings"]["shell_command"]
    assert "-l" not in shell  # a login shell's /etc/profile would reset PATH
    assert not home.exists()
    assert not (course / "exchange").exists()  # only a trainer's Lab makes one


def test_a_terminal_shell_finds_crosstrain_even_from_a_bare_path(tmp_path):
    setup = LabSetup(LEARNER, tmp_path / "cfg", tmp_path / "course")
    labconfig.write(setup)
    shell = labconfig.shell_command(setup)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TERM": "dumb"}
    found = subprocess.run([*shell, "-c", "command -v crosstrain"], capture_output=True, text=True, env=env, timeout=60)
    assert found.stdout.strip() == str(Path(sys.executable).parent / "crosstrain"), found.stderr


def test_commands_in_a_workspace_folder_find_that_workspace(tmp_path, monkeypatch):
    ws = tmp_path / "ws"
    (ws / MANIFEST).parent.mkdir(parents=True)
    (ws / MANIFEST).write_text("{}")
    (ws / "00-orientation").mkdir()
    monkeypatch.chdir(ws / "00-orientation")
    assert default_workspace() == ws.resolve()
