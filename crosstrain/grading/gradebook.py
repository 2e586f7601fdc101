"""The gradebook before a batch writes to it: present, sound, free, and backed up.

A damaged or locked ``gradebook.db`` (or an unreachable PostgreSQL gradebook) must stop
the batch with one line before any grade is written, and a copy taken first means
nothing a trainer entered is lost.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from crosstrain.errors import CrosstrainError

LOCK_WAIT = 3.0


def db_path(db_url: str) -> Path:
    if not db_url.startswith("sqlite:///"):
        raise CrosstrainError(f"the gradebook {db_url} is not a SQLite file: crosstrain grade needs the course's gradebook.db")
    return Path(db_url[len("sqlite:///"):])


def is_sqlite(db_url: str) -> bool:
    return db_url.startswith("sqlite:///")


def check(db_url: str, assignment: str) -> list[str]:
    """Raise a one-line error unless the gradebook is usable; return its assignments."""
    if not is_sqlite(db_url):
        return _known(_server_assignments(db_url), assignment)
    path = db_path(db_url)
    if not path.is_file():
        raise CrosstrainError(f"no gradebook at {path}: build the assignment first (crosstrain build {assignment})")
    try:
        con = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=LOCK_WAIT)
    except sqlite3.Error as exc:
        raise CrosstrainError(f"cannot open the gradebook {path} ({exc}): check its permissions") from None
    try:
        verdict = con.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise CrosstrainError(f"the gradebook {path} is damaged ({verdict}): restore it from a backup, nothing was graded")
        names = [row[0] for row in con.execute("SELECT name FROM assignment ORDER BY name")]
        con.execute("BEGIN IMMEDIATE")  # fails at once if another program holds a write lock
        con.rollback()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise CrosstrainError(f"the gradebook {path} is locked by another program (a formgrader, or another grading run?): close it and run again") from None
        raise CrosstrainError(f"the gradebook {path} is damaged ({exc}): restore it from a backup, nothing was graded") from None
    except sqlite3.DatabaseError as exc:
        raise CrosstrainError(f"the gradebook {path} is damaged ({exc}): restore it from a backup, nothing was graded") from None
    finally:
        con.close()
    return _known(names, assignment)


def _known(names: list[str], assignment: str) -> list[str]:
    if assignment not in names:
        known = ", ".join(names) or "none yet"
        raise CrosstrainError(f"unknown assignment '{assignment}': the gradebook knows {known} (build it with crosstrain build {assignment})")
    return names


def _server_assignments(db_url: str) -> list[str]:
    """The assignments of a gradebook on a database server, or one line saying why not."""
    import sqlalchemy as sa

    from crosstrain.grading.migrate import shown

    engine = sa.create_engine(db_url, future=True, connect_args={"connect_timeout": 10})
    try:
        with engine.connect() as con:
            if "assignment" not in sa.inspect(con).get_table_names():
                return []
            return [row[0] for row in con.execute(sa.text("SELECT name FROM assignment ORDER BY name"))]
    except sa.exc.OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0][:120]
        raise CrosstrainError(f"cannot reach the gradebook {shown(db_url)} ({reason}): check the server and CROSSTRAIN_DB_URL, nothing was graded") from None
    finally:
        engine.dispose()


def backup(db_url: str, dest: Path) -> Path:
    """A consistent copy of the gradebook, taken before grading: SQLite's online backup, or
    a database server's gradebook copied into a SQLite file."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(f".{os.getpid()}.tmp")  # two trainers may back up at once
    if not is_sqlite(db_url):
        from crosstrain.grading.migrate import copy

        tmp.unlink(missing_ok=True)
        copy(db_url, f"sqlite:///{tmp}")
        tmp.replace(dest)
        return dest
    src = sqlite3.connect(f"file:{db_path(db_url)}?mode=ro", uri=True, timeout=LOCK_WAIT)
    out = sqlite3.connect(tmp)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()
    tmp.replace(dest)
    return dest
