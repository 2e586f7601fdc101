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
    # The answer cell keeps its starter line above this (``x = ____``, crosstrain.notebook.placeholder):
    # a blank release runs to the end, and its hidden tests fail on the blank.
    c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
    c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
    return c


def require_course(course_root: Path | str = COURSE_DIR) -> Path:
    """The course root, or a one-line error if it has no ``nbgrader_config.py``."""
    root = Path(course_root)
    if not (root / CONFIG_FILE).is_file():
        raise CrosstrainError(f"{root} is not a course folder (no {CONFIG_FILE}): run crosstrain from the project checkout, or restore course/{CONFIG_FILE}")
    return root


def notebook_path(course_root: Path, folder: str, module_id: str) -> Path:
    """Where nbgrader keeps a module's notebook in ``source``, ``release``, ..."""
    return Path(course_root) / folder / module_id / f"{module_id}.ipynb"
