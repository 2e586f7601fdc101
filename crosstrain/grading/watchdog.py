"""Stop a kernel that runs too long or grows too big, while its notebook executes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psutil

from crosstrain.grading.sandbox import Limits


class Watchdog(threading.Thread):
    """Kills the kernel when the notebook runs too long or its memory grows too big.

    Resident memory is watched here because an address-space limit alone cannot tell
    a memory bomb from pyarrow reserving (but not using) a lot of virtual memory.
    """

    def __init__(self, km, limits: Limits, uid: int | None, pid_file: Path, kill, every: float = 0.2):
        super().__init__(daemon=True)
        self.km, self.limits, self.uid, self.pid_file, self.every = km, limits, uid, pid_file, every
        self.kill = kill  # how to stop this kernel
        self.fired = ""
        self._halt = threading.Event()
        self.start()

    def run(self) -> None:
        deadline = time.monotonic() + self.limits.timeout
        while not self._halt.wait(self.every):
            if time.monotonic() > deadline:
                self.fired = f"time limit: the notebook ran past {self.limits.timeout:g} s"
            elif _resident(self.km, self.uid, self.pid_file) > self.limits.memory:
                self.fired = f"memory limit: the kernel used more than {self.limits.memory // 1024**2} MB"
            if self.fired:
                self.kill(self.km)
                return

    def stop(self) -> None:
        self._halt.set()


def kernel_pid(km, pid_file: Path) -> int:
    """The kernel's pid: forked by the zygote (which notes it), or started by jupyter_client."""
    process = getattr(km.provisioner, "process", None) if km.provisioner else None
    try:
        return int(pid_file.read_text()) if pid_file.is_file() else process.pid if process else 0
    except (ValueError, OSError):
        return 0


def _resident(km, uid: int | None, pid_file: Path) -> int:
    """Resident memory of the kernel and everything it started, in bytes: all processes
    of the job's own uid, or else the process tree of the kernel (forked by the zygote,
    which notes its pid, or started by jupyter_client)."""
    if uid is not None:
        total = 0
        for p in psutil.process_iter(["uids", "memory_info"]):
            info = p.info
            if info["uids"] is not None and info["uids"].real == uid and info["memory_info"] is not None:
                total += info["memory_info"].rss
        return total
    pid = kernel_pid(km, pid_file)
    if not pid:
        return 0
    try:
        root = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
    except psutil.Error:
        return 0
