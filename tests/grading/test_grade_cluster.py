"""``crosstrain grade --cluster``: a Dask scheduler and two workers (separate processes on
loopback) grade hostile hand-ins and a mixed cohort with exactly the scores of local
grading, and a worker killed mid-batch changes nothing.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from daskcluster import dask_cluster
from handins import MODULE, Kit, fresh_course, load_fixture, tiny_world, write_hand_in

from crosstrain.grading.cohort import write_cohort
from crosstrain.grading.grade import grade
from crosstrain.grading.sandbox import Limits

pytestmark = [pytest.mark.kernel, pytest.mark.server]

CLI = [str(Path(sys.executable).parent / "crosstrain")]
LIMITS = Limits(timeout=120, cell_timeout=60, memory=1024**3)
COHORT = {"ann": "correct", "ben": "partial", "cat": "blank", "dan": "broken", "eve": "correct", "fay": "partial"}
#: Hostile hand-ins that finish quickly (the slow ones, loops and bombs, are test_grade_hostile's).
HOSTILE = ["always_equal_answers", "crashes_kernel", "edits_test_cell", "forges_answer_payload", "leaves_daemon",
           "rebinds_test_helper", "reads_other_learners", "writes_gradebook"]


@pytest.fixture(scope="module")
def cluster():
    with dask_cluster(2, env={"CROSSTRAIN_WORLD": "tiny"}) as running:
        yield running


@pytest.fixture(scope="module")
def hand_ins(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cluster-hand-ins")
    course = fresh_course(root)
    folder = write_cohort(course, MODULE, root / "hand-ins", COHORT)
    kit = Kit(course)
    for name in HOSTILE:
        write_hand_in(folder, name.replace("_", "-"), load_fixture(name).hand_in(kit))
    return folder


def _sheet(course: Path) -> dict[str, tuple]:
    with open(course / "reports" / f"{MODULE}-grades.csv", newline="", encoding="utf-8") as handle:
        return {row["learner"]: (row["status"], row["score"], row["flags"] != "") for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def local(tmp_path_factory, hand_ins) -> dict[str, tuple]:
    course = fresh_course(tmp_path_factory.mktemp("local"))
    with tiny_world():
        grade(MODULE, hand_ins, course_root=course, workers=2, limits=LIMITS, progress=False)
    return _sheet(course)


def test_the_cluster_grades_as_local_grading_does(cluster, hand_ins, local, tmp_path):
    course = fresh_course(tmp_path)
    with tiny_world():
        summary = grade(MODULE, hand_ins, course_root=course, limits=LIMITS, progress=False, cluster=cluster.address)
    assert _sheet(course) == local
    assert [local[name][1] for name in COHORT] == ["6", "3", "0", "0", "6", "3"]
    assert summary.isolation.startswith(f"on the Dask cluster at {cluster.address}: own uid")


def test_a_worker_killed_mid_batch_changes_no_score(cluster, hand_ins, local, tmp_path):
    course = fresh_course(tmp_path)
    env = {**os.environ, "CROSSTRAIN_WORLD": "tiny"}
    run = subprocess.Popen(CLI + ["grade", MODULE, "--from", str(hand_ins), "--course", str(course), "--quiet",
                                  "--timeout", "120", "--cell-timeout", "60", "--memory", "1024", "--cluster", cluster.address],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        os.kill(cluster.busy_worker_pid(), signal.SIGKILL)
        out, err = run.communicate(timeout=1800)
    finally:
        run.kill()
    assert run.returncode == 0, err
    graded = sum(status == "graded" for status, _, _ in local.values())  # an unreadable hand-in is "not graded"
    assert out.startswith(f"{MODULE}: graded {graded}, skipped 0 unchanged, not graded {len(local) - graded}"), out
    assert _sheet(course) == local
