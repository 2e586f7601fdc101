"""The JupyterLab a learner or a trainer meets, configured for each launch of ``crosstrain lab``.

nbgrader installs every tool for everyone: a learner's Lab would offer the formgrader and
Create Assignment, and on a machine without an exchange the course and assignment lists
fail with "Error fetching courses!". The news pop-up asks about Jupyter news in a course
that has nothing to do with it. And Lab's terminals are login shells, whose
``/etc/profile`` resets ``PATH``: ``crosstrain progress`` was "command not found" there.

So ``crosstrain lab`` writes a config folder of its own (never the user's ``~/.jupyter``)
and puts it first on ``JUPYTER_CONFIG_PATH`` for the Lab it starts:

- ``labconfig/page_config.json``: the front-end plugins this role does not get, off;
- ``jupyter_server_config.d/crosstrain-lab.json``: the matching server extensions, off;
- ``jupyter_server_config.json``: terminals start a shell whose rc file puts the
  install's ``bin`` (where ``crosstrain`` is) first on ``PATH``;
- ``nbgrader_config.py``: the course (a trainer's formgrader finds it from any folder),
  the exchange, and the validate button's short answer.

A Lab for another purpose (an assessment, say) is one more role here.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from crosstrain.course.atomic import write_text_atomic

LEARNER, TRAINER = "learner", "trainer"
NBGRADER = "@jupyter/nbgrader"
NEWS = "@jupyterlab/apputils-extension:announcements"
#: The course list lists the formgraders one may open: a trainer's tool too.
TRAINER_TOOLS = ("formgrader", "create-assignment", "course-list")
EXCHANGE_TOOLS = ("course-list", "assignment-list")
#: The server side of nbgrader's plugins (create-assignment has none).
SERVER_EXTENSIONS = {"formgrader": "nbgrader.server_extensions.formgrader",
                     "course-list": "nbgrader.server_extensions.course_list",
                     "assignment-list": "nbgrader.server_extensions.assignment_list"}
#: The kernel nbgrader's validate button runs: each error as its one-line message (and the course's
#: hint), not a coloured traceback of the learner's own cell, so its answer reads as a list.
VALIDATE_KERNEL_ARGS = ("--InteractiveShell.xmode=Minimal", "--InteractiveShell.colors=nocolor")
FOLDER = Path(".crosstrain") / "lab-config"
RCFILE = "terminal.rc"


@dataclass(frozen=True)
class LabSetup:
    """What one launch of Lab is for: whose it is, the course, the exchange if any."""

    role: str
    config_dir: Path
    course_root: Path
    exchange: Path | None = None
    bin_dir: Path = Path(sys.executable).parent

    @property
    def hidden_tools(self) -> tuple[str, ...]:
        """nbgrader's plugins this Lab leaves out: trainer tools for a learner, exchange lists without an exchange."""
        tools = () if self.role == TRAINER else TRAINER_TOOLS
        return tuple(dict.fromkeys(tools + (EXCHANGE_TOOLS if self.exchange is None else ())))


def exchange_of(course_root: Path) -> Path | None:
    """The nbgrader exchange this machine has (``CROSSTRAIN_EXCHANGE`` on a hub, else the
    course's own ``exchange/``), or None when there is none: then nothing lists courses."""
    named = os.environ.get("CROSSTRAIN_EXCHANGE")
    folder = Path(named) if named else Path(course_root) / "exchange"
    return folder.resolve() if folder.is_dir() else None


def make_local_exchange(course_root: Path) -> Path | None:
    """The course's own exchange folder, made for a trainer on a single machine: nbgrader's
    formgrader shows an error banner without one, and with it can release and collect locally.
    An exchange named by ``CROSSTRAIN_EXCHANGE`` (a hub's) is its admin's to make."""
    if os.environ.get("CROSSTRAIN_EXCHANGE"):
        return None
    folder = Path(course_root) / "exchange"
    folder.mkdir(exist_ok=True)
    return folder


def page_config(setup: LabSetup) -> dict:
    hidden = setup.hidden_tools
    # nbgrader's menu holds only these four tools: without any of them it would be an empty "Nbgrader"
    menu = ("menu",) if set(TRAINER_TOOLS + EXCHANGE_TOOLS) <= set(hidden) else ()
    disabled = [f"{NBGRADER}:{tool}" for tool in hidden + menu] + [NEWS]
    return {"disabledExtensions": {name: True for name in disabled}}


def hub_page_config(role: str) -> dict:
    """The page config of a hub's Lab for ``role``, kept in ``course/hub/<role>/labconfig/page_config.json``
    (static, so a learner image can ship it): a hub always has an exchange."""
    return page_config(LabSetup(role, Path(role), Path("course"), exchange=Path("/srv/nbgrader/exchange")))


def server_extensions(setup: LabSetup) -> dict:
    off = {SERVER_EXTENSIONS[tool]: False for tool in setup.hidden_tools if tool in SERVER_EXTENSIONS}
    return {"ServerApp": {"jpserver_extensions": off}}


def shell_command(setup: LabSetup) -> list[str]:
    """An interactive, non-login shell (a login shell's ``/etc/profile`` would reset ``PATH``)."""
    bash = shutil.which("bash")
    if bash:
        return [bash, "--rcfile", str(setup.config_dir / RCFILE), "-i"]
    return [os.environ.get("SHELL") or shutil.which("sh") or "/bin/sh", "-i"]


def rcfile_text(setup: LabSetup) -> str:
    """The user's usual bash set-up, then the install's ``bin`` first on ``PATH``."""
    return ("# Written by crosstrain lab for this Lab's terminals: your bash set-up, then the course's commands.\n"
            "[ -f /etc/bash.bashrc ] && . /etc/bash.bashrc\n"
            "[ -f ~/.bashrc ] && . ~/.bashrc\n"
            f"export PATH={shlex.quote(str(setup.bin_dir))}:\"$PATH\"\n")


def nbgrader_text(setup: LabSetup) -> str:
    """nbgrader settings for this Lab; the trainer's hold the whole course config."""
    lines = ["# Written by crosstrain lab for this launch; change crosstrain/learner/labconfig.py instead.",
             "c = get_config()  # noqa: F821", "from crosstrain.course.config import COURSE_ID",
             "c.CourseDirectory.course_id = COURSE_ID"]
    if setup.role == TRAINER:
        lines += ["from crosstrain.course.config import course_config",
                  f"c.merge(course_config({str(setup.course_root.resolve())!r}))"]
    if setup.exchange is not None:
        lines.append(f"c.Exchange.root = {str(setup.exchange)!r}")
    if setup.role == LEARNER:
        lines.append(f"c.Execute.extra_arguments = {list(VALIDATE_KERNEL_ARGS)!r}  # the validate button: one line per error")
    return "\n".join(lines) + "\n"


def write(setup: LabSetup) -> Path:
    """Write this launch's config folder (replacing the last one's) and return it."""
    folder = setup.config_dir
    files = {
        "labconfig/page_config.json": json.dumps(page_config(setup), indent=1) + "\n",
        "jupyter_server_config.d/crosstrain-lab.json": json.dumps(server_extensions(setup), indent=1) + "\n",
        "jupyter_server_config.json": json.dumps({"ServerApp": {"terminado_settings": {"shell_command": shell_command(setup)}}},
                                                 indent=1) + "\n",
        RCFILE: rcfile_text(setup),
        "nbgrader_config.py": nbgrader_text(setup),
    }
    for name, text in files.items():
        write_text_atomic(folder / name, text)
    return folder


def environment(setup: LabSetup, env: dict[str, str]) -> dict[str, str]:
    """``env`` with this Lab's config folder first on ``JUPYTER_CONFIG_PATH`` and the install's ``bin`` first on ``PATH``."""
    return {**env, "JUPYTER_CONFIG_PATH": _first(str(setup.config_dir), env.get("JUPYTER_CONFIG_PATH", "")),
            "PATH": _first(str(setup.bin_dir), env.get("PATH", ""))}


def _first(entry: str, paths: str) -> str:
    return os.pathsep.join([entry, *(p for p in paths.split(os.pathsep) if p and p != entry)])
