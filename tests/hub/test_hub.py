"""A cohort on JupyterHub: release, fetch, work and submit through the hub, then grade.

One real hub (tests/hub/conftest.py), a trainer and two learners as system users,
nbgrader's exchange in between. Ana hands in a correct notebook, Ben half of one. The
workshop gives each learner their own world, so the hub starts each server on its
learner's seed and the grader grades each learner on theirs.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crosstrain.course.variants import save_assignment
from crosstrain.grading.cohort import answered
from crosstrain.workshop.variants import make_assignment

pytestmark = [pytest.mark.server, pytest.mark.kernel]

ASSIGNMENT = "00-orientation"
COURSE = "crosstrain"


def _fetch_and_submit(hub, learner: str, share: float) -> None:
    hub.start_server(learner)
    params = f"?course_id={COURSE}&assignment_id={ASSIGNMENT}"
    status, listed = hub.api("POST", f"/user/{learner}/assignments/fetch", params=params)
    assert status == 200 and listed["success"], listed
    assert any(a["assignment_id"] == ASSIGNMENT and a["status"] == "fetched" for a in listed["value"]), listed
    path = f"/user/{learner}/api/contents/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    _, fetched = hub.api("GET", path)
    assert fetched["type"] == "notebook"
    work = answered(hub.course, ASSIGNMENT, share)
    hub.api("PUT", path, {"type": "notebook", "format": "json", "content": work})
    status, result = hub.api("POST", f"/user/{learner}/assignments/submit", params=params)
    assert status == 200 and result["success"], result


def _server_environment(user: str) -> dict[str, str]:
    """The environment of ``user``'s single-user server, read from /proc (the test runs as root)."""
    pids = subprocess.run(["pgrep", "-u", user, "-f", "jupyterhub.singleuser"], capture_output=True, text=True).stdout.split()
    assert pids, f"no server process for {user}"
    raw = Path(f"/proc/{pids[0]}/environ").read_bytes().split(b"\0")
    return dict(item.decode(errors="replace").split("=", 1) for item in raw if b"=" in item)


@pytest.fixture(scope="module")
def assignment(hub):
    """A world per learner, as `crosstrain workshop plan --variant per-learner` would write it."""
    made = make_assignment("per-learner", "default")
    save_assignment(hub.course, made)
    subprocess.run(["chown", hub.trainer, str(hub.course / "data-variants.json")], check=True)
    return made


@pytest.fixture(scope="module")
def graded(hub, assignment):
    release = hub.as_user(hub.trainer, hub.python, "-m", "nbgrader", "release_assignment", ASSIGNMENT, check=False, cwd=hub.course)
    assert release.returncode == 0, release.stdout + release.stderr
    ana, ben = hub.learners
    _fetch_and_submit(hub, ana, 1.0)
    _fetch_and_submit(hub, ben, 0.5)
    collect = hub.as_user(hub.trainer, hub.python, "-m", "nbgrader", "collect", ASSIGNMENT, check=False, cwd=hub.course)
    assert collect.returncode == 0, collect.stdout + collect.stderr
    grade = hub.as_user(hub.trainer, hub.python, "-m", "crosstrain", "grade", ASSIGNMENT, "--from", str(hub.course / "submitted"),
                        "--course", str(hub.course), "--quiet", check=False, cwd=hub.course, timeout=600)
    assert grade.returncode == 0, grade.stdout + grade.stderr
    return grade


def test_learners_submit_through_the_hub_and_the_trainer_grades(hub, graded):
    ana, ben = hub.learners
    sheets = sorted(hub.course.glob("reports/**/*.csv"))
    assert sheets, f"no grade sheet in {hub.course}/reports: {graded.stdout}"
    rows = {row["learner"]: row for row in csv.DictReader(open(sheets[0]))}
    assert set(rows) == {ana, ben}, rows
    autograded = [c for c in rows[ana] if c.startswith("q") and " (of " in c]
    assert autograded
    for column in autograded:
        full = float(column.split(" (of ")[1].rstrip(")"))
        assert float(rows[ana][column]) == full, (column, rows[ana])
    assert 0 < float(rows[ben]["score"]) < float(rows[ana]["score"])
    assert rows[ana]["needs_manual_grading"] == "yes"  # the written reflection waits for the trainer


def test_each_learner_works_and_is_graded_on_their_own_world(hub, graded, assignment):
    ana, ben = hub.learners
    for learner in (ana, ben):
        env = _server_environment(learner)
        assert env["CROSSTRAIN_SEED"] == str(assignment.seed_for(learner)), learner
        assert env["CROSSTRAIN_WORLD"] == "default"
    assert assignment.seed_for(ana) != assignment.seed_for(ben)
    assert "worlds:   a world per-learner" in graded.stdout


def test_learners_cannot_read_each_others_work(hub, graded):
    ana, ben = hub.learners
    inbound = hub.exchange / COURSE / "inbound"
    assert any(p.name.startswith(f"{ana}+{ASSIGNMENT}") for p in inbound.iterdir())
    listing = hub.as_user(ben, "ls", str(inbound), check=False)
    assert listing.returncode != 0 and "Permission denied" in listing.stderr
    peek = hub.as_user(ben, "cat", str(hub.homes[ana] / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), check=False)
    assert peek.returncode != 0 and "Permission denied" in peek.stderr
    gradebook = hub.as_user(ben, "cat", str(hub.course / "gradebook.db"), check=False)
    assert gradebook.returncode != 0


def test_only_the_trainer_has_the_formgrader(hub, graded):
    hub.start_server(hub.trainer)
    status, _ = hub.api("GET", f"/user/{hub.trainer}/formgrader/api/assignments")
    assert status == 200
    with pytest.raises(urllib.error.HTTPError) as denied:
        hub.api("GET", f"/user/{hub.learners[0]}/formgrader/api/assignments")
    assert denied.value.code == 404


def _lab_page_config(hub, user: str) -> dict:
    """The page config ``user``'s Lab page embeds (what the front end loads its plugins by)."""
    request = urllib.request.Request(f"{hub.url}/user/{user}/lab", headers={"Authorization": f"token {hub.token}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            page = response.read().decode()
    except urllib.error.HTTPError as err:
        raise AssertionError(f"{err.code} at {err.url}: {err.read().decode()[:800]}") from err
    found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert found, page[:500]
    return json.loads(found.group(1))


def test_a_learners_lab_leaves_out_the_trainer_tools(hub, graded):
    off = set(_lab_page_config(hub, hub.learners[0])["disabledExtensions"])
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"} <= off
    assert "@jupyter/nbgrader:assignment-list" not in off
    hub.start_server(hub.trainer)
    assert "@jupyter/nbgrader:formgrader" not in _lab_page_config(hub, hub.trainer)["disabledExtensions"]
