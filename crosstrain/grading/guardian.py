"""Clean up after a grader that was killed: its jobs' processes, mounts and folders.

A kernel dies with its parent (``sandbox.die_with_parent``), but a daemon a hand-in
forked (double fork, ``setsid``) has no parent to die with: only its uid says whose it
is. So each batch starts one guardian, a small root process in a session of its own.
The grader tells it, over a pipe, which job uids are leased, which job folders are
mounted and which scratch folder it uses; when that pipe reaches end of file (the
grader exited, normally or by ``kill -9``), the guardian kills every process of the
uids still leased, unmounts the folders, removes the scratch folder and exits.

Run as a script (``python .../guardian.py <fd>``): it imports only the standard library.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

#: Where a uid's lease lock lives; whoever holds it owns the uid (see ``jobs.UidLease``).
LOCK_FOLDER = "/run/crosstrain-uids" if os.path.isdir("/run") else "/tmp/crosstrain-uids"
_MNT_DETACH = 2


def kill_uid(uid: int) -> None:
    """Kill every process running as ``uid`` (daemons a submission forked off)."""
    if os.geteuid() != 0:
        return
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            os.setgid(uid)
            os.setuid(uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def kill_if_unowned(uid: int, patience: float = 0.0) -> bool:
    """Kill ``uid``'s processes unless a live grader holds its lease; True if killed.

    ``patience``: seconds to wait for the lease (a dying grader closes its pipe to the
    guardian before the lock files, in whatever order its descriptors come)."""
    import fcntl
    import time

    try:
        fd = os.open(f"{LOCK_FOLDER}/{uid}.lock", os.O_RDWR)
    except OSError:
        kill_uid(uid)  # never leased here, yet running in our range: a leftover
        return True
    deadline = time.monotonic() + patience
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() > deadline:
                    return False   # a running batch owns it (and killed leftovers when it leased it)
                time.sleep(0.02)
        kill_uid(uid)
        return True
    finally:
        os.close(fd)   # also releases the lock


def unmount(path: str) -> None:
    """Detach the size-capped tmpfs of a job folder (its memory is freed with the last user)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).umount2(path.encode(), _MNT_DETACH)


class Guardian:
    """The grader's side: start the guardian, then report what it must clean up."""

    def __init__(self):
        read_end, self._write_end = os.pipe()   # both not inherited by anything else
        self.process = subprocess.Popen([sys.executable, __file__, str(read_end)], pass_fds=[read_end],
                                        start_new_session=True, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(read_end)

    def tell(self, what: str, value) -> None:
        """``+uid``/``-uid``, ``+mount``/``-mount``, ``+folder``: one line, written at once."""
        if self._write_end is not None:
            os.write(self._write_end, f"{what} {value}\n".encode())

    def close(self) -> None:
        """Normal end: whatever is still registered is cleaned up now."""
        if self._write_end is not None:
            os.close(self._write_end)
            self._write_end = None
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass


def watch(fd: int) -> None:
    """Read what the grader registers until it is gone, then clean up what is left."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # a Ctrl-C of the grader is not for us
    live: dict[str, dict[str, None]] = {"uid": {}, "mount": {}, "folder": {}}
    with os.fdopen(fd, "rb") as pipe:
        for line in pipe:
            what, _, value = line.decode().rstrip("\n").partition(" ")
            kind = what[1:]
            if kind in live:
                if what[0] == "+":
                    live[kind][value] = None
                else:
                    live[kind].pop(value, None)
    for uid in live["uid"]:
        kill_if_unowned(int(uid), patience=2.0)
    for path in live["mount"]:
        unmount(path)
    for folder in live["folder"]:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    watch(int(sys.argv[1]))
