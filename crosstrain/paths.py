"""Where the project's folders are, so no module hard-codes a path.

crosstrain is installed editable from its checkout (``make demo`` does this),
so the project root is the package's parent folder. ``CROSSTRAIN_DATA_DIR``
moves generated worlds elsewhere (a shared hub volume, a test's tmp folder).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATASETS_DIR = PROJECT_ROOT / "datasets"
RECIPES_DIR = DATASETS_DIR / "recipes"
COURSE_DIR = PROJECT_ROOT / "course"
MODULES_DIR = PROJECT_ROOT / "modules"
GRADERS_DIR = PROJECT_ROOT / "graders"


def generated_dir() -> Path:
    """The folder that holds generated worlds (git-ignored)."""
    override = os.environ.get("CROSSTRAIN_DATA_DIR")
    return Path(override) if override else DATASETS_DIR / "generated"
