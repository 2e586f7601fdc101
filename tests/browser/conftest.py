"""A real browser on a real JupyterLab: Debian's chromium driven by Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium (``apt-get
install chromium``; ``.ci/run`` installs it) through ``executable_path``, with a fresh
profile. The Labs are started with the project's own ``crosstrain lab`` (the helpers of
tests/learner/labserver.py) on a course built for this session with ``crosstrain build
--course TMP``; everything started here is stopped here. Screenshots go to
``browser-artifacts/`` in pytest's temporary folder (``/tmp/pytest-of-$USER/pytest-N/``).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from crosstrain.paths import COURSE_DIR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# The modules the browser tests open: 03 as a learner, the others' widgets in the reference solution.
MODULES = ["02-measuring", "03-funnel-handoff", "04-lead-scoring", "05-objections", "06-pipeline",
           "07-attribution", "08-alignment", "09-retention"]


def _labserver():
    """tests/learner/labserver.py: how the learner tests start and stop ``crosstrain lab``."""
    if "labserver" in sys.modules:
        return sys.modules["labserver"]
    spec = importlib.util.spec_from_file_location("labserver", Path(__file__).parents[1] / "learner" / "labserver.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["labserver"] = module
    spec.loader.exec_module(module)
    return module


labserver = _labserver()
TOKEN = labserver.TOKEN


class RunningLab:
    """A started ``crosstrain lab``: its base URL and browser addresses carrying the token."""

    def __init__(self, lab, port: int, root: Path):
        self.lab, self.port, self.root = lab, port, root
        self.base = f"http://127.0.0.1:{port}"

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}?token={TOKEN}"

    def shut_down_kernels(self) -> None:
        """End every kernel this Lab started (closing a tab leaves its kernel running)."""
        for kernel in json.loads(labserver.get(f"{self.base}/api/kernels")[1] or b"[]"):
            request = urllib.request.Request(f"{self.base}/api/kernels/{kernel['id']}", method="DELETE",
                                             headers={"Authorization": f"token {TOKEN}"})
            urllib.request.urlopen(request, timeout=30).close()


def _start(args: list[str], root: Path, log: Path):
    port = labserver.free_port()
    lab = labserver.Lab([*args, "--port", str(port), "--no-browser"], log)
    try:
        lab.wait_for(f"http://127.0.0.1:{port}/lab")
    except BaseException:
        lab.stop()
        raise
    return RunningLab(lab, port, root)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: the browser tests need Debian's chromium (apt-get install chromium)", pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path, tmp_path_factory):
    """One headless chromium with a fresh profile for the session, closed at the end."""
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000}, chromium_sandbox=False)
        try:
            yield context
        finally:
            context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


@pytest.fixture
def page(browser, request, artifacts):
    """A fresh tab; when the test fails, a screenshot of what it showed (``FAILED-*.png``)."""
    page = browser.new_page()
    page.set_default_timeout(60_000)
    try:
        yield page
        if getattr(request.node, "browser_call_failed", False):
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            page.screenshot(path=str(artifacts / f"FAILED-{name}.png"))
    finally:
        page.close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Screenshots, kept with pytest's last few runs (never in the checkout)."""
    folder = tmp_path_factory.getbasetemp() / "browser-artifacts"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser_course(tmp_path_factory) -> Path:
    """The course's modules built into a temporary course with ``crosstrain build --course``."""
    root = tmp_path_factory.mktemp("browser") / "course"
    root.mkdir()
    for name in ["syllabus.yml", "nbgrader_config.py"]:
        shutil.copy(COURSE_DIR / name, root / name)
    result = subprocess.run([sys.executable, "-m", "crosstrain", "build", "--course", str(root), "--quiet", *MODULES],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"crosstrain build failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
    return root


@pytest.fixture(scope="session")
def learner_lab(browser_course, tmp_path_factory):
    """``crosstrain lab --workspace WS``: a learner's JupyterLab on the release notebooks."""
    home = tmp_path_factory.mktemp("learner-lab")
    workspace = home / "workspace"
    lab = _start(["--workspace", str(workspace), "--course", str(browser_course)], workspace, home / "lab.log")
    try:
        yield lab
    finally:
        lab.lab.stop()


@pytest.fixture(scope="session")
def trainer_lab(browser_course, tmp_path_factory):
    """``crosstrain lab --trainer``: JupyterLab in the course root, with the formgrader and the
    reference solutions (course/source)."""
    home = tmp_path_factory.mktemp("trainer-lab")
    lab = _start(["--trainer", "--course", str(browser_course)], browser_course, home / "lab.log")
    try:
        yield lab
    finally:
        lab.lab.stop()


@pytest.fixture(scope="session")
def start_lab():
    """``start_lab(ARGS, root, log)``: ``crosstrain lab ARGS`` on a free port, as a ``RunningLab``;
    the caller stops it (``lab.lab.stop()``)."""
    return _start
