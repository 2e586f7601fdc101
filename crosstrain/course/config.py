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
#: The gradebook's SQLAlchemy URL, when not the course's own SQLite file (e.g. a shared PostgreSQL).
DB_URL_ENV = "CROSSTRAIN_DB_URL"
#: Optional course settings beside the config: ``db_url: postgresql://...`` (the variable wins).
SETTINGS_FILE = "settings.yml"


def course_config(course_root: Path | str = COURSE_DIR) -> Config:
    """nbgrader settings for the course rooted at ``course_root``."""
    root = Path(course_root).resolve()
    c = Config()
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.course_id = COURSE_ID
    c.CourseDirectory.db_url = gradebook_url(root)
    # On a shared server (JupyterHub) every user's nbgrader must meet in one exchange.
    c.Exchange.root = os.environ.get("CROSSTRAIN_EXCHANGE") or str(root / "exchange")
    # A deleted or retyped grade cell is put back rather than left at "needs manual grade".
    c.OverwriteCells.add_missing_cells = True
    c.ExecutePreprocessor.timeout = 120
    # The answer cell keeps its starter line above this (``x = ____``, crosstrain.notebook.placeholder):
    # a blank release runs to the end, and its hidden tests fail on the blank.
    c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
    c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
    # Feedback from nbgrader itself leaves out what autograded/ holds for the trainer alone.
    c.GenerateFeedback.preprocessors = ["crosstrain.grading.trainer_view.ClearTrainerView", "nbgrader.preprocessors.GetGrades",
                                        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
    return c


def gradebook_url(course_root: Path | str = COURSE_DIR) -> str:
    """Where the gradebook lives: ``CROSSTRAIN_DB_URL``, else ``settings.yml``'s ``db_url``,
    else ``gradebook.db`` in the course. Several trainers share one PostgreSQL gradebook."""
    root = Path(course_root).resolve()
    url = os.environ.get(DB_URL_ENV, "").strip()
    settings = root / SETTINGS_FILE
    if not url and settings.is_file():
        import yaml

        try:
            url = str((yaml.safe_load(settings.read_text(encoding="utf-8")) or {}).get("db_url") or "").strip()
        except (yaml.YAMLError, AttributeError) as exc:
            raise CrosstrainError(f"{settings} is not a mapping of settings ({str(exc).splitlines()[0]}): fix it, e.g. db_url: postgresql://host/db") from None
    return with_driver(url) if url else f"sqlite:///{root / 'gradebook.db'}"


def with_driver(url: str) -> str:
    """``postgresql://`` names SQLAlchemy's psycopg2 default; we install psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def require_course(course_root: Path | str = COURSE_DIR) -> Path:
    """The course root, or a one-line error if it has no ``nbgrader_config.py``."""
    root = Path(course_root)
    if not (root / CONFIG_FILE).is_file():
        raise CrosstrainError(f"{root} is not a course folder (no {CONFIG_FILE}): run crosstrain from the project checkout, or restore course/{CONFIG_FILE}")
    return root


def notebook_path(course_root: Path, folder: str, module_id: str) -> Path:
    """Where nbgrader keeps a module's notebook in ``source``, ``release``, ..."""
    return Path(course_root) / folder / module_id / f"{module_id}.ipynb"
