"""Build something once per test run and share it between pytest-xdist workers.

The root conftest makes one session folder per run (``CROSSTRAIN_TEST_SESSION``, with
the worlds under it as ``CROSSTRAIN_DATA_DIR``) before any worker starts; every worker
inherits it. ``once`` builds a named thing there under a file lock: the first worker
to ask builds it, the others wait and reuse it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

SESSION_ENV = "CROSSTRAIN_TEST_SESSION"


def session_dir() -> Path:
    """This test run's shared folder (made by tests/conftest.py)."""
    return Path(os.environ[SESSION_ENV])


def once(name: str, make: Callable[[Path], object]) -> Path:
    """``session_dir()/name``, made by ``make(folder)`` the first time any worker asks."""
    folder = session_dir() / name
    done = session_dir() / f".{name}.done"
    with open(session_dir() / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            done.touch()
    return folder
