"""The course's nbgrader configuration, built in code so there is one source of truth.

``NbGraderAPI`` and nbgrader's converters do not read ``nbgrader_config.py``; they take
this ``Config``. ``course/nbgrader_config.py`` loads the same function, so the nbgrader
CLI and the formgrader in JupyterLab see identical settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from traitlets.config import Config

from crosstrain.errors import CrosstrainError
from crosstrain.paths import COURSE_DIR

COURSE_ID = "crosstrain"
CONFIG_FILE = "nbgrader_config.py"


def course_config(course_root: Path | str = COURSE_DIR) -> Config:
    """nbgrader settings for the course rooted at ``course_root``."""
    root = Path(course_root).resolve()
    c = Config()
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.course_id = COURSE_ID
    c.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    # On a shared server (JupyterHub) every user's nbgrader must meet in one exchange.
    c.Exchange.root = os.environ.get("CROSSTRAIN_EXCHANGE") or str(root / "exchange")
    # A deleted or retyped grade cell is put back rather than left at "needs manual grade".
    c.OverwriteCells.add_missing_cells = True
    c.ExecutePreprocessor.timeout = 120
    c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
    c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
    return c


def require_course(course_root: Path | str = COURSE_DIR) -> Path:
    """The course root, or a one-line error if it has no ``nbgrader_config.py``."""
    root = Path(course_root)
    if not (root / CONFIG_FILE).is_file():
        raise CrosstrainError(f"{root} is not a course folder (no {CONFIG_FILE}): run crosstrain from the project checkout, or restore course/{CONFIG_FILE}")
    return root


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
