"""What a trainer sees after grading a cohort with an unreadable hand-in, in a real browser.

The formgrader (``crosstrain lab --trainer``) lists dan, whose notebook is not JSON, flagged,
and opening his submission shows why it was not graded; the cohort report fits a 1280 px
window and lists dan apart. Before, the formgrader counted 3 submissions and listed 2.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from crosstrain.grading.cohort import write_cohort

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.kernel]

MODULE = "00-orientation"
TESTS = Path(__file__).resolve().parents[1]


def _module(name: str, path: Path):
    """A helper module of another test folder (tests/grading/handins.py, tests/learner/labserver.py)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


handins = _module("handins", TESTS / "grading" / "handins.py")
labserver = _module("labserver", TESTS / "learner" / "labserver.py")


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory) -> Path:
    from crosstrain.grading.grade import grade

    root = tmp_path_factory.mktemp("formgrader-ungradeable")
    course = handins.fresh_course(root)
    hand_ins = write_cohort(course, MODULE, root / "hand-ins", {"ann": "correct", "ben": "partial", "dan": "broken"})
    with handins.tiny_world():
        summary = grade(MODULE, hand_ins, course_root=course, workers=1, progress=False)
    assert {r.learner: r.status for r in summary.results}["dan"] == "not graded"
    return course


@pytest.fixture(scope="module")
def trainer(graded_course, tmp_path_factory):
    """``crosstrain lab --trainer`` on the graded course, stopped at the end."""
    port = labserver.free_port()
    lab = labserver.Lab(["--trainer", "--course", str(graded_course), "--port", str(port), "--no-browser"],
                        tmp_path_factory.mktemp("trainer-lab") / "lab.log")
    try:
        lab.wait_for(f"http://127.0.0.1:{port}/lab")
        yield f"http://127.0.0.1:{port}"
    finally:
        lab.stop()


def test_the_formgrader_lists_the_unreadable_hand_in_with_its_reason(page, trainer, artifacts):
    # log in where Lab does: a token given on a formgrader page sets its cookie for that page's
    # path only, and the list's own API calls are then sent to the login page
    page.goto(f"{trainer}/lab?token={labserver.TOKEN}", wait_until="domcontentloaded")
    page.goto(f"{trainer}/formgrader/gradebook/{MODULE}/{MODULE}")
    rows = page.locator("tbody tr")
    dan = rows.filter(has=page.locator("a.name-shown", has_text="dan"))
    dan.wait_for(state="attached")  # the list arrives after the page: names are shown once it is there
    assert rows.count() == 3
    page.locator("#toggle_names").click()
    dan.locator("a.name-shown").wait_for()
    assert dan.locator("td.flagged .glyphicon-flag").count() == 1
    page.screenshot(path=str(artifacts / "formgrader-ungradeable-list.png"))
    dan.locator("a.name-shown").click()
    page.get_by_text("could not be graded").first.wait_for()
    text = page.locator("body").inner_text()
    assert "not valid JSON" in text and "ask the learner to hand in" in text, text[:2000]
    page.screenshot(path=str(artifacts / "formgrader-ungradeable-dan.png"))


def test_the_report_fits_1280_px_and_lists_dan_apart(page, graded_course, artifacts):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((graded_course / "reports" / f"{MODULE}-report.html").resolve().as_uri())
    apart = page.locator("h2", has_text="Could not be graded")
    apart.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert "dan" in page.locator("table").first.inner_text()
    assert page.locator("svg").count() == 3
    page.screenshot(path=str(artifacts / "cohort-report-1280.png"), full_page=True)
