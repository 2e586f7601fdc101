"""The test run's own world: a session folder shared by every worker, and the shared worlds.

Tests never read or write what was built in the checkout (``crosstrain demo``, ``build``,
``lab``, ``workshop plan``): before any xdist worker starts, the controller makes one
session folder for the run and points ``CROSSTRAIN_DATA_DIR`` into it, and drops every
other ``CROSSTRAIN_*`` variable a trainer may have exported (the world, the seed, ...). Workers
inherit both. Worlds are generated there once (``ensure_world`` locks), and ``once``
(tests/once.py) builds anything else the workers share.

Markers (pyproject.toml): ``kernel``, ``server``, ``browser``. A run that selects no
``kernel`` test (``make check``) is given a kernelspec that refuses to start, so a test
that starts a kernel without saying so fails instead of slowing the fast lane.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from once import SESSION_ENV, once

from crosstrain.world.load import World, load_world

_SESSION = pytest.StashKey[Path]()

# Keep pytest's assert-rewritten test modules between runs: with PYTHONDONTWRITEBYTECODE set
# (CI, these machines) every worker parsed and rewrote all ~100 test files on every run, half
# of its collection time (4 s of CPU). Only this process: kernels and subprocesses still
# inherit the variable.
sys.dont_write_bytecode = False


def pytest_configure(config) -> None:
    if hasattr(config, "workerinput"):  # an xdist worker: the controller already did it
        return
    for name in [n for n in os.environ if n.startswith("CROSSTRAIN_")]:  # a trainer's world, seed, exchange...
        del os.environ[name]
    session = Path(tempfile.mkdtemp(prefix="crosstrain-tests-"))
    session.chmod(0o755)  # sandboxed kernels run as uids of their own and must read the worlds
    (session / "data").mkdir()
    (session / "data").chmod(0o755)
    os.environ[SESSION_ENV] = str(session)
    os.environ["CROSSTRAIN_DATA_DIR"] = str(session / "data")
    config.stash[_SESSION] = session


def pytest_unconfigure(config) -> None:
    session = config.stash.get(_SESSION, None)
    if session is not None:
        shutil.rmtree(session, ignore_errors=True)


#: Run first: the slowest test files (xdist hands out whole files, in collection order, with
#: ``--dist loadfile --no-loadscope-reorder``), so the other worker runs everything else
#: meanwhile instead of waiting for them at the end.
FIRST_FILES = ("test_validate_modules_first.py", "test_validate_modules_second.py")
#: The slowest files that need no kernel, server or browser: first of the rest, so that in
#: ``make check`` (which runs only the rest) they start at once, not at the end.
SLOW_FILES = ("test_claims.py", "test_no_shortcuts.py", "test_people.py")


def pytest_collection_modifyitems(items) -> None:
    """Longest first: the slowest files, then every kernel, server or browser test, then the
    slowest of the rest, then the rest (a stable sort, the same on every worker, as xdist requires)."""
    def weight(item) -> int:
        if item.path.name in FIRST_FILES:
            return 0
        if any(item.get_closest_marker(m) for m in ("kernel", "server", "browser")):
            return 1
        return 2 if item.path.name in SLOW_FILES else 3
    items.sort(key=weight)


def pytest_collection_finish(session) -> None:
    if session.items and not any(item.get_closest_marker("kernel") for item in session.items):
        os.environ["JUPYTER_PATH"] = str(_refusing_kernelspec())


def _refusing_kernelspec() -> Path:
    """A Jupyter data folder whose python3 kernel exits at once, saying why."""
    def make(folder: Path) -> None:
        spec = folder / "kernels" / "python3"
        spec.mkdir(parents=True)
        why = "this test starts a kernel: mark it @pytest.mark.kernel (see tests/conftest.py)"
        argv = [sys.executable, "-c", f"import sys; sys.exit({why!r})", "{connection_file}"]
        (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "no kernels here", "language": "python"}))
    return once("no-kernels", make)


@pytest.fixture(scope="session")
def tiny_world() -> World:
    """A few hundred leads, generated once for this test run in its data folder."""
    return load_world("tiny", progress=False)


@pytest.fixture(scope="session")
def default_world() -> World:
    """The course's default world, as notebooks load it, generated once for this test run
    (``ensure_world`` locks: the first worker makes it, the others wait)."""
    return load_world("default", progress=False)

