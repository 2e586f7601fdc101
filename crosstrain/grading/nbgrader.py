"""nbgrader in-process: the API on a course, its log kept quiet, its failures in one line.

The settings themselves are the course's (``crosstrain.course.config``); this is how the
grader drives nbgrader with them.
"""

from __future__ import annotations

from pathlib import Path

from crosstrain.course.config import course_config
from crosstrain.errors import CrosstrainError
from crosstrain.paths import COURSE_DIR


def nbgrader_on_path() -> None:
    """Put this interpreter's bin folder on PATH: nbgrader's Gradebook runs ``alembic``
    as a subprocess, which fails when crosstrain runs from an un-activated venv."""
    import os
    import sys

    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def nbgrader_api(course_root: Path | str = COURSE_DIR, ipc_dir: Path | None = None):
    """An in-process ``NbGraderAPI`` on this course, its log kept off the terminal.

    Each call's log comes back in the result dict (see ``checked``), so a failure can
    be explained in one line instead of nbgrader's log spilling onto stderr. With
    ``ipc_dir`` (an absolute folder), kernels talk over local sockets there instead of
    TCP, which also stops ipykernel 7 warning about unencrypted TCP on every kernel.
    """
    import logging

    from nbgrader.apps import NbGraderAPI

    nbgrader_on_path()
    log = logging.getLogger(f"crosstrain.nbgrader.{Path(course_root).resolve()}")
    log.propagate = False
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    config = course_config(course_root)
    if ipc_dir is not None:
        Path(ipc_dir).mkdir(parents=True, exist_ok=True)
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(ipc_dir).resolve() / "kernel")
    return NbGraderAPI(config=config, log=log)


def checked(result: dict, what: str) -> dict:
    """Raise a one-line ``CrosstrainError`` if an NbGraderAPI call did not succeed."""
    if not result.get("success"):
        lines = [line.strip() for line in (result.get("log") or result.get("error") or "").splitlines() if line.strip()]
        errors = [line.removeprefix("[ERROR]").strip() for line in lines if line.startswith("[ERROR]")]
        detail = errors[0] if errors else (lines[-1] if lines else "no detail")
        raise CrosstrainError(f"nbgrader could not {what}: {detail}")
    return result
