"""A real JupyterHub for the tests: system users, an exchange, the hub and its proxy.

Everything here is started by the fixture and stopped (and the users deleted) after.
The hub spawns each user's server as that user, so the Python those servers run must
be readable by every account: when the project's interpreter lives somewhere private
(pyenv under /root, say), a copy of its base installation is made world-readable and
pointed at the project's installed packages.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from crosstrain import load_world
from crosstrain.paths import COURSE_DIR, PROJECT_ROOT

HUB_DIR = COURSE_DIR / "hub"
PROXY = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
RUNUSER = shutil.which("runuser") or "/usr/sbin/runuser"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _world_traversable(path: Path) -> bool:
    return all(not part.exists() or part.stat().st_mode & stat.S_IXOTH for part in [path, *path.parents])


def user_python(workdir: Path) -> str:
    """A Python every user can run, with the project's packages importable."""
    base = Path(sys.base_prefix)
    if _world_traversable(base / "bin") and _world_traversable(Path(sys.prefix)):
        return sys.executable
    copy = workdir / "python"
    shutil.copytree(base, copy, symlinks=True, ignore=shutil.ignore_patterns("site-packages", "__pycache__", "test", "tests"))
    venv = workdir / "venv"
    subprocess.run([str(copy / "bin" / "python3"), "-m", "venv", "--without-pip", str(venv)], check=True)
    site_dir = Path(sysconfig.get_paths()["purelib"])
    target = next((venv / "lib").glob("python3*/site-packages"))
    (target / "crosstrain-project.pth").write_text(f"import site; site.addsitedir({str(site_dir)!r})\n")
    # The interpreter finds its own libpython through a private path: point it at the copy
    # (servers pass the variable on to their kernels).
    wrapper = venv / "bin" / "python-shared"
    # Jupyter's data files (nbconvert templates, kernel specs) and config (JupyterLab's server extension
    # is enabled there) stay in the project's prefix: config after the role's folder, as in an install.
    prefix = Path(sys.prefix)
    wrapper.write_text(f'#!/bin/sh\nexport LD_LIBRARY_PATH="{copy / "lib"}"\nexport JUPYTER_PATH="{prefix / "share" / "jupyter"}"\n'
                       f'export JUPYTER_CONFIG_PATH="${{JUPYTER_CONFIG_PATH:+$JUPYTER_CONFIG_PATH:}}{prefix / "etc" / "jupyter"}"\n'
                       f'exec "{venv / "bin" / "python"}" "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


@dataclass
class Hub:
    url: str
    token: str
    trainer: str
    learners: list[str]
    homes: dict[str, Path]
    course: Path
    exchange: Path
    python: str

    def api(self, method: str, path: str, body: dict | None = None, params: str = "", timeout: float = 60):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}{path}{params}", data=data, method=method,
                                         headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text.strip() else None)

    def as_user(self, user: str, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
        env = {"PATH": f"{Path(self.python).parent}:/usr/bin:/bin", "HOME": str(self.homes[user]),
               "CROSSTRAIN_EXCHANGE": str(self.exchange), "CROSSTRAIN_COURSE_DIR": str(self.course),
               "JUPYTER_CONFIG_PATH": str(HUB_DIR / ("trainer" if user == self.trainer else "learner")),
               "CROSSTRAIN_DATA_DIR": os.environ["CROSSTRAIN_DATA_DIR"]}  # the test run's worlds (tests/conftest.py)
        return subprocess.run([RUNUSER, "-u", user, "--", *args], env=env, capture_output=True, text=True, errors="replace", check=check, **kwargs)

    def start_server(self, user: str) -> None:
        """Start ``user``'s server unless it runs already (the hub answers 400 to a second start)."""
        if not self.api("GET", f"/hub/api/users/{user}")[1].get("servers", {}).get(""):
            self.api("POST", f"/hub/api/users/{user}/server")
        deadline = time.time() + 120
        while time.time() < deadline:
            _, info = self.api("GET", f"/hub/api/users/{user}")
            server = info.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(1)
        raise AssertionError(f"{user}'s server did not start in 120 s")


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer in {seconds} s")


@pytest.fixture(scope="module")
def hub():
    assert os.geteuid() == 0, "the hub test creates system users: run it as root (CI does)"
    assert PROXY.exists(), "configurable-http-proxy is missing: run `make setup` (it installs course/hub's npm packages)"
    work = Path(tempfile.mkdtemp(prefix="crosstrain-hub-", dir="/tmp"))
    work.chmod(0o755)
    tag = secrets.token_hex(3)
    trainer, learners = f"ct-trainer-{tag}", [f"ct-ana-{tag}", f"ct-ben-{tag}"]
    homes, created, hub_proc = {}, [], None
    try:
        for user in [trainer, *learners]:
            home = work / "home" / user
            home.parent.mkdir(exist_ok=True)
            subprocess.run(["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash", user], check=True)
            created.append(user)
            home.chmod(0o700)
            homes[user] = home
        python = user_python(work)
        # The world is shared read-only: generate it (as an admin would) before users need it.
        load_world("default", progress=False)
        # The course, built, owned by the trainer; the exchange open to all, as nbgrader wants.
        course = work / "course"
        course.mkdir()
        for name in ("nbgrader_config.py", "syllabus.yml"):  # never what was built in the checkout's course/
            shutil.copy(COURSE_DIR / name, course / name)
        subprocess.run([sys.executable, "-m", "crosstrain", "build", "00-orientation", "--course", str(course), "--quiet"], check=True, cwd=PROJECT_ROOT)
        subprocess.run(["chown", "-R", trainer, str(course)], check=True)
        course.chmod(0o700)  # as the README says: the course folder (gradebook, solutions) is the trainer's alone
        exchange = work / "exchange"
        exchange.mkdir()
        exchange.chmod(0o777)
        state = work / "state"
        ports = {name: free_port() for name in ("hub", "api", "proxy")}
        token = secrets.token_hex(16)
        env = dict(os.environ, CROSSTRAIN_HUB_PORT=str(ports["hub"]), CROSSTRAIN_HUB_API_PORT=str(ports["api"]),
                   CROSSTRAIN_PROXY_API_PORT=str(ports["proxy"]), CROSSTRAIN_HUB_STATE=str(state),
                   CROSSTRAIN_TRAINERS=trainer, CROSSTRAIN_LEARNERS=",".join(learners), CROSSTRAIN_COURSE_DIR=str(course),
                   CROSSTRAIN_EXCHANGE=str(exchange), CROSSTRAIN_HUB_AUTH="dummy", CROSSTRAIN_HUB_PASSWORD=secrets.token_hex(8),
                   CROSSTRAIN_HUB_SERVICE_TOKEN=token, CROSSTRAIN_USER_PYTHON=python,
                   PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
        log = open(work / "hub.log", "w")
        hub_proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(HUB_DIR / "jupyterhub_config.py")],
                                    cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{ports['hub']}"
        _wait_for(f"{url}/hub/api", 60)
        yield Hub(url, token, trainer, learners, homes, course, exchange, python)
    finally:
        if hub_proc is not None:
            os.killpg(hub_proc.pid, signal.SIGTERM)
            try:
                hub_proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(hub_proc.pid, signal.SIGKILL)
        for user in created:
            subprocess.run(["pkill", "-KILL", "-u", user], check=False)
            subprocess.run(["userdel", "--force", user], check=False, capture_output=True)
        if os.environ.get("CROSSTRAIN_KEEP_HUB_LOG"):
            print((work / "hub.log").read_text() if (work / "hub.log").exists() else "no hub log")
            print(subprocess.run(["find", str(work / "exchange"), str(work / "home")], capture_output=True, text=True).stdout)
        shutil.rmtree(work, ignore_errors=True)
