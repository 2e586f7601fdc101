"""What one sandboxed job owns on this machine, and taking it back when the job ends.

- ``UidLease``: a uid of its own, so every process of the job (daemons included) can
  be found and killed, by this run or, after a crash, by the next one;
- ``JobFolder``: the job's folder, a tmpfs capped at ``Limits.disk`` when root, so a
  hand-in cannot fill the disk however many files it writes;
- ``reap_leftovers``: at the start of a run, kill what a killed run left behind.

The ``guardian`` process is told about each of them, so they are cleaned up even when
the grader itself is killed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import psutil

from crosstrain.grading.guardian import LOCK_FOLDER, Guardian, kill_if_unowned, kill_uid, unmount
from crosstrain.grading.sandbox import mount_tmpfs

#: Above the 65534-65535 of nobody/nogroup, which reap_leftovers would otherwise kill machine-wide.
FIRST_UID = 66000
UID_RANGE = 10000
#: A job folder also caps its number of files (each costs memory even when empty).
INODES = 20000


class UidLease:
    """A uid of its own for one running kernel, unique across every grading run on this
    machine: held by an exclusive lock on ``/run/crosstrain-uids/<uid>.lock`` (or under
    /tmp), which the system releases if the grader dies. ``uid`` is None when not root."""

    def __init__(self, guardian: Guardian | None = None):
        self.uid: int | None = None
        self._fd: int | None = None
        self._guardian = guardian
        if os.geteuid() != 0:
            return
        import fcntl
        import random

        os.makedirs(LOCK_FOLDER, mode=0o700, exist_ok=True)
        start = random.randrange(UID_RANGE)
        for step in range(UID_RANGE):
            uid = FIRST_UID + (start + step) % UID_RANGE
            fd = os.open(f"{LOCK_FOLDER}/{uid}.lock", os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue
            self.uid, self._fd = uid, fd
            kill_uid(uid)  # nothing left over from a crashed run may share it
            if guardian is not None:
                guardian.tell("+uid", uid)
            return
        raise RuntimeError("no free uid for a sandboxed kernel")

    def leftovers(self, kernel_pid: int | None) -> int:
        """How many processes of this uid other than the kernel still run (daemons)."""
        if self.uid is None:
            return 0
        return sum(1 for p in psutil.process_iter(["uids", "status"])
                   if p.info["uids"] is not None and p.info["uids"].real == self.uid
                   and p.pid != kernel_pid and p.info["status"] != psutil.STATUS_ZOMBIE)

    def release(self) -> None:
        if self.uid is not None:
            kill_uid(self.uid)
            if self._guardian is not None:
                self._guardian.tell("-uid", self.uid)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def reap_leftovers() -> int:
    """Kill the processes of job uids no live grader holds (a killed run's); how many uids."""
    if os.geteuid() != 0:
        return 0
    uids = {p.info["uids"].real for p in psutil.process_iter(["uids"])
            if p.info["uids"] is not None and FIRST_UID <= p.info["uids"].real < FIRST_UID + UID_RANGE}
    return sum(kill_if_unowned(uid) for uid in sorted(uids))


class JobFolder:
    """A job's folder: a tmpfs of ``size`` bytes mounted by the grader when ``capped``.

    Mounted here (not in the kernel's namespace) so the grader still reaches the kernel's
    sockets and log in it; unmounted when the job ends, or by the guardian if the grader
    is killed."""

    def __init__(self, path: Path, size: int, capped: bool, guardian: Guardian | None = None):
        self.path, self.size, self.capped, self._guardian = Path(path), size, capped, guardian
        self.path.mkdir()
        if capped:
            mount_tmpfs(str(self.path), f"size={size},nr_inodes={INODES},mode=0700")
            if guardian is not None:
                guardian.tell("+mount", self.path)

    def full(self) -> bool:
        """Did the job fill its folder (writes past the cap failed)?"""
        if not self.capped:
            return False
        stat = os.statvfs(self.path)
        return stat.f_bavail * stat.f_frsize < max(self.size // 20, 1024**2) or stat.f_favail == 0

    def remove(self) -> None:
        if self.capped:
            unmount(str(self.path))
            if self._guardian is not None:
                self._guardian.tell("-mount", self.path)
        shutil.rmtree(self.path, ignore_errors=True)


def readable_copy(folder: Path, scratch: Path) -> tuple[str, str] | None:
    """If others may not read ``folder`` (e.g. a world made with mkdtemp, mode 0700), a
    world-readable copy under ``scratch`` to show in its place; None if it is readable."""
    folder = Path(folder).resolve()
    closed = [p for p in [folder, *folder.rglob("*")]
              if not p.stat().st_mode & (0o005 if p.is_dir() else 0o004)]
    if not closed:
        return None
    copy = Path(scratch) / f"shared-{abs(hash(str(folder)))}"
    shutil.copytree(folder, copy, symlinks=False)
    for p in [copy, *copy.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    return str(copy), str(folder)
