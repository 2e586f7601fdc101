"""Start JupyterLab on a learner's workspace, or on ``course/`` for a trainer.

``open_workspace`` readies a learner's workspace as ``crosstrain lab`` does before Lab
starts: the seat, the notebooks, and the assessment kernel for modules built as assessments.

The trainer's Lab opens on the folder that holds both ``course/`` and ``graders/`` (the
project checkout), so the rubric of a written answer sits beside the formgrader; its
per-launch config (``labconfig``) points the formgrader at the course from there. A course
with no ``graders/`` beside it opens on itself. The port is checked before Lab starts so a
clash is one clear line, not a page of Tornado log.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from pathlib import Path

from crosstrain.course.config import require_course
from crosstrain.errors import CrosstrainError
from crosstrain.learner import labconfig
from crosstrain.learner.assessment import open_kernel
from crosstrain.learner.seat import apply_environment, prepare_world, seat_environment, take_seat
from crosstrain.learner.workspace import Prepared, prepare

HOST = "127.0.0.1"
GRADERS = "graders"


def check_port(port: int, host: str = HOST) -> None:
    """Raise a one-line error if something already listens on ``port``."""
    if not 1 <= port <= 65535:
        raise CrosstrainError(f"port {port} is not a port number: use one between 1024 and 65535")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CrosstrainError(f"port {port} is in use (another Jupyter?): pick a free one with --port, or stop what runs there") from None
            raise CrosstrainError(f"cannot use port {port} ({exc.strerror}): pick another with --port") from None


def lab_argv(root: Path, port: int | None, open_browser: bool) -> list[str]:
    """The ``jupyter lab`` command line serving ``root``."""
    argv = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={Path(root).resolve()}", f"--ServerApp.ip={HOST}"]
    if port is not None:
        argv += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if not open_browser:
        argv.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # containers and CI run as root; Jupyter refuses without this
    return argv


def trainer_root(course_root: Path) -> Path:
    """The checkout holding the course and its graders (rubrics), else the course itself."""
    course = require_course(course_root).resolve()
    return course.parent if (course.parent / GRADERS).is_dir() else course


def configure(role: str, root: Path, course_root: Path) -> dict[str, str]:
    """Write this launch's Lab config (``labconfig``) under ``root`` and return the environment Lab runs with."""
    course = Path(course_root).resolve()
    folder = Path(root) / labconfig.FOLDER if role == labconfig.LEARNER else course / labconfig.FOLDER
    if role == labconfig.TRAINER:
        labconfig.make_local_exchange(course)
    setup = labconfig.LabSetup(role, folder, course, labconfig.exchange_of(course))
    labconfig.write(setup)
    return labconfig.environment(setup, dict(os.environ))


def open_workspace(workspace: Path, path: str, course_root: Path, learner: str | None,
                   build=None, kernel_argv=None, echo=print) -> Prepared:
    """Seat, notebooks and assessment kernel, each step's lines echoed as it is done.

    ``build`` and ``kernel_argv`` are the grader's, passed in by the command line."""
    seat, seat_lines = take_seat(workspace, course_root, learner)  # before copying: a bad id changes nothing
    report = prepare(workspace, path, course_root, build=build)
    for line in report.lines + seat_lines:
        echo(line)
    if seat is not None:
        prepare_world(seat)
    apply_environment(seat)
    if report.assessed:
        echo(open_kernel(report.workspace, course_root, report.assessed, seat_environment(seat), kernel_argv))
    return report


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    """Replace this process with JupyterLab, so Ctrl-C and signals reach it directly;
    ``env`` (this process's if None) is the environment Lab alone gets."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(cwd)
    os.execve(argv[0], argv, dict(os.environ) if env is None else env)
