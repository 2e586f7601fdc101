"""A Dask cluster for tests: a scheduler and workers started as separate processes on loopback.

The ``dask scheduler`` and ``dask worker`` command lines, exactly as a deployment starts
them (one single-threaded worker process each, no nanny, so killing one kills it for
good); stopped when the ``with`` block ends.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

DASK = str(Path(sys.executable).parent / "dask")


class Cluster:
    def __init__(self, address: str, workers: list[subprocess.Popen]):
        self.address, self.workers = address, workers

    def busy_worker_pid(self, timeout: float = 900) -> int:
        """The pid of a worker running a task now (waits for one)."""
        from distributed import Client

        deadline = time.monotonic() + timeout
        with Client(self.address, timeout=30) as client:
            while time.monotonic() < deadline:
                busy = [addr for addr, tasks in client.processing().items() if tasks]
                if busy:
                    return client.run(os.getpid, workers=busy[:1])[busy[0]]
                time.sleep(0.2)
        raise AssertionError("no worker took a task")


@contextmanager
def dask_cluster(workers: int = 2, env: dict | None = None):
    folder = Path(tempfile.mkdtemp(prefix="crosstrain-dask-"))
    address_file = folder / "scheduler.json"
    env = {**os.environ, **(env or {})}
    logs = open(folder / "cluster.log", "w")
    started = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                 "--scheduler-file", str(address_file)], env=env, stdout=logs, stderr=logs, cwd=folder)]
    try:
        deadline = time.monotonic() + 120
        while not address_file.is_file() or not address_file.read_text().strip():
            assert started[0].poll() is None and time.monotonic() < deadline, (folder / "cluster.log").read_text()[-2000:]
            time.sleep(0.2)
        address = json.loads(address_file.read_text())["address"]
        for _ in range(workers):
            started.append(subprocess.Popen([DASK, "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-nanny",
                                             "--host", "127.0.0.1", "--no-dashboard", "--death-timeout", "60"],
                                            env=env, stdout=logs, stderr=logs, cwd=folder))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=180)
        yield Cluster(address, started[1:])
    finally:
        for process in reversed(started):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        logs.close()
        shutil.rmtree(folder, ignore_errors=True)
