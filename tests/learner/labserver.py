"""``crosstrain lab`` as a child process for tests: start it, wait until Lab answers, stop it.

Shared by tests/learner/test_lab.py and the real-browser tests in tests/browser/.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

TOKEN = "crosstrain-test-token"
STARTUP = 120  # seconds; Lab answers in about 5 s on an idle machine, much later on a busy one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


class Lab:
    """``crosstrain lab ...`` in its own process group; ``stop`` ends exactly that group."""

    def __init__(self, args: list[str], log: Path):
        env = {**os.environ, "JUPYTER_TOKEN": TOKEN, "JUPYTER_RUNTIME_DIR": str(log.parent / "runtime")}
        self.log = log
        self.proc = subprocess.Popen([sys.executable, "-m", "crosstrain", "lab", *args], stdout=open(log, "w"),
                                     stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def wait_for(self, url: str) -> int:
        deadline = time.monotonic() + STARTUP
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"lab exited with {self.proc.returncode}:\n{self.log.read_text()[-2000:]}")
            try:
                status, _ = get(url)
                if status == 200:
                    return status
            except OSError:
                pass
            time.sleep(0.5)
        pytest.fail(f"{url} did not answer within {STARTUP} s:\n{self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
