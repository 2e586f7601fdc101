"""A learner's Lab and a trainer's Lab, each with what its role needs, in a real chromium.

- The learner (``crosstrain lab --path marketing``, no exchange on the machine): no Nbgrader
  menu (no formgrader, no Create Assignment, no course list that can only fail), no news
  pop-up, a Validate button whose answer has no traceback; a terminal opened in Lab runs
  ``crosstrain progress``, which follows the marketing path.
- The trainer (``crosstrain lab --trainer`` in a checkout): Lab opens beside ``course/`` and
  ``graders/``, the formgrader lists the modules with no exchange warning, and a written
  answer's rubric opens from the file browser.

The course here holds modules 00 and 05 only (05 has a written answer and its rubric), built
once for this file; the learner and the trainer each get a copy of it. Each page opens a Lab
workspace named for its server's port: Lab keeps workspaces across servers, and an old one
would bring back the tabs of an earlier run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from crosstrain.paths import COURSE_DIR, GRADERS_DIR

pytestmark = [pytest.mark.browser, pytest.mark.server]

MODULES = ["00-orientation", "05-objections"]
NOTEBOOK = "00-orientation/00-orientation.ipynb"
RUBRIC = "graders/05-objections/rubrics/replies.md"
NEWS_WAIT = 8  # s: plain Lab asks about Jupyter news within a few seconds of loading


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Modules 00 and 05 built with ``crosstrain build`` into a course whose syllabus lists only them."""
    root = tmp_path_factory.mktemp("roles-build") / "course"
    root.mkdir()
    syllabus = yaml.safe_load((COURSE_DIR / "syllabus.yml").read_text(encoding="utf-8"))
    syllabus["modules"] = [m for m in syllabus["modules"] if m["id"] in MODULES]
    (root / "syllabus.yml").write_text(yaml.safe_dump(syllabus, sort_keys=False), encoding="utf-8")
    shutil.copy(COURSE_DIR / "nbgrader_config.py", root / "nbgrader_config.py")
    result = subprocess.run([sys.executable, "-m", "crosstrain", "build", "--course", str(root), "--quiet", *MODULES],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"crosstrain build failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
    return root


def checkout(built: Path, folder: Path) -> Path:
    """A project-like folder: the built course and the modules' graders side by side."""
    course = Path(shutil.copytree(built, folder / "course"))
    for module in MODULES:
        shutil.copytree(GRADERS_DIR / module, folder / "graders" / module)
    return course


@pytest.fixture(scope="module")
def learner(built, start_lab, tmp_path_factory):
    home = tmp_path_factory.mktemp("roles-learner")
    course = checkout(built, home)
    workspace = home / "workspace"
    lab = start_lab(["--path", "marketing", "--workspace", str(workspace), "--course", str(course)], workspace, home / "lab.log")
    try:
        yield lab
    finally:
        lab.lab.stop()


@pytest.fixture(scope="module")
def trainer(built, start_lab, tmp_path_factory):
    home = tmp_path_factory.mktemp("roles-trainer")
    course = checkout(built, home)
    lab = start_lab(["--trainer", "--course", str(course)], home, home / "lab.log")
    try:
        yield lab
    finally:
        lab.lab.stop()


def menu_bar(page) -> list[str]:
    return [label.strip() for label in page.locator(".lm-MenuBar-itemLabel").all_text_contents()]


def menu_items(page, menu: str) -> list[str]:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    items = [label.strip() for label in page.locator(".lm-Menu:visible .lm-Menu-itemLabel").all_text_contents()]
    page.keyboard.press("Escape")
    return items


def toasts(page) -> list[str]:
    return page.locator(".Toastify").all_text_contents()


@pytest.mark.kernel
def test_learners_lab_has_no_trainer_tools_error_or_news_and_validates_in_short(page, learner, artifacts):
    page.goto(learner.url(f"lab/workspaces/roles-learner-{learner.port}/tree/{NOTEBOOK}"))
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status='idle']")
    time.sleep(NEWS_WAIT)
    bar = menu_bar(page)
    assert "Run" in bar and "Nbgrader" not in bar, f"the learner's menu bar: {bar}"
    assert not [t for t in toasts(page) if "news" in t.lower()], f"a news pop-up: {toasts(page)}"
    body = page.locator("body").inner_text()
    for word in ("Formgrader", "Create assignment", "Error fetching courses"):
        assert word not in body, f"the learner's Lab shows {word!r}"
    page.screenshot(path=str(artifacts / "learner-lab.png"))

    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar-item", has_text=re.compile(r"^\s*Validate\s*$")).click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=180_000)  # validate runs the whole notebook
    dialog.locator(".jp-Dialog-content", has_text=re.compile(r"\S")).wait_for()
    page.wait_for_function("() => !document.querySelector('.jp-Dialog')?.textContent.includes('Validating')", timeout=180_000)
    answer = dialog.inner_text()
    page.screenshot(path=str(artifacts / "learner-validate.png"))
    assert "Traceback" not in answer and "---->" not in answer and "\x1b[" not in answer, answer[:1500]
    assert "q2" in answer or "Success" in answer or "response" in answer, answer[:1500]
    assert len(answer.splitlines()) < 60, f"{len(answer.splitlines())} lines:\n{answer[:1500]}"


def test_crosstrain_progress_runs_in_a_terminal_of_the_learners_lab(page, learner, artifacts):
    page.goto(learner.url(f"lab/workspaces/roles-terminal-{learner.port}"))
    page.locator(".jp-LauncherCard", has_text=re.compile(r"^\s*Terminal\s*$")).click()
    terminal = page.locator(".jp-Terminal .xterm")
    terminal.wait_for()
    out = learner.root / "progress.txt"
    time.sleep(2)  # the shell reads its rc file first
    terminal.click()
    page.keyboard.type(f"crosstrain progress 2>&1 | tee {out.name}; echo exit=${{PIPESTATUS[0]}} >> {out.name}\n")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and "exit=" not in (out.read_text() if out.exists() else ""):
        time.sleep(0.5)
    page.wait_for_timeout(2000)  # xterm paints the table a moment after the file is written
    page.screenshot(path=str(artifacts / "learner-terminal.png"))
    text = out.read_text() if out.exists() else "(nothing written)"
    assert "exit=0" in text, text[-1500:]
    assert "\npath 'marketing'" in text, text[:1500]
    assert "05-objections" in text and "07-attribution" not in text, text[:1500]


def test_trainers_lab_opens_beside_the_rubrics_with_a_formgrader_and_no_exchange_error(page, trainer, artifacts):
    page.goto(trainer.url(f"lab/workspaces/roles-trainer-{trainer.port}"))
    page.wait_for_selector(".jp-DirListing-itemName")
    listing = page.locator(".jp-DirListing-itemName").all_text_contents()
    assert {"course", "graders"} <= {name.strip() for name in listing}, listing
    items = menu_items(page, "Nbgrader")
    assert "Formgrader" in items and "Create assignment" in items, items

    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Nbgrader$")).click()
    page.locator(".lm-Menu:visible .lm-Menu-item[data-command='nbgrader:open-formgrader']").click()
    formgrader = page.frame_locator("iframe").first
    formgrader.locator("td", has_text="05-objections").first.wait_for()
    assert formgrader.locator("#warning-exchange").count() == 0, formgrader.locator("#warning-exchange").inner_text()
    assert "exchange directory" not in formgrader.locator("body").inner_text()
    page.screenshot(path=str(artifacts / "trainer-formgrader.png"))

    page.goto(trainer.url(f"lab/workspaces/roles-rubric-{trainer.port}/tree/{RUBRIC}"))
    page.locator(".jp-FileEditor, .jp-RenderedMarkdown", has_text="Rubric: replies").first.wait_for()
    page.screenshot(path=str(artifacts / "trainer-rubric.png"))
