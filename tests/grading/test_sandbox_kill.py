"""``kill -9`` of ``crosstrain grade`` leaves nothing of its batch running.

A batch runs as its own process with a hand-in that sleeps and one that leaves a daemon
(double fork, ``setsid``). Once their kernels run, the grader is killed. Within 5 s no
process of the batch may be alive: nothing of the grader's process tree, and nothing
running as one of its kernels' uids (the daemon's, which left the tree). A rerun then
gives the same scores as a run that was never interrupted.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from handins import MODULE, Kit, fresh_course, load_fixture, write_hand_in

from crosstrain.grading.jobs import FIRST_UID, UID_RANGE

pytestmark = [pytest.mark.kernel]  # needs root, as in CI: kernels get their own uid

SLEEPS = "\nimport time\ntime.sleep(20)\n"


def _hand_ins(kit: Kit, dest: Path) -> Path:
    sleeper = kit.solved()
    kit.cell(sleeper, "q1_answer").source += SLEEPS
    daemon = load_fixture("leaves_daemon").hand_in(kit)
    kit.cell(daemon[kit.name], "q1_answer").source += SLEEPS
    write_hand_in(dest, "a-daemon", daemon)
    write_hand_in(dest, "b-sleeper", {kit.name: sleeper})
    write_hand_in(dest, "c-correct", {kit.name: kit.solved()})
    write_hand_in(dest, "d-blank", {kit.name: kit.blank()})
    return dest


def _grader(course: Path, hand_ins: Path) -> subprocess.Popen:
    env = {**os.environ, "CROSSTRAIN_WORLD": "tiny"}
    cli = Path(sys.executable).parent / "crosstrain"
    return subprocess.Popen([str(cli), "grade", MODULE, "--from", str(hand_ins), "--course", str(course),
                             "--workers", "3", "--quiet", "--cell-timeout", "30"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _job_uid(p: psutil.Process) -> int | None:
    try:
        uid = p.uids().real
    except psutil.Error:
        return None
    return uid if FIRST_UID <= uid < FIRST_UID + UID_RANGE else None


def _batch(grader: psutil.Process) -> tuple[dict[int, float], set[int]]:
    """The batch's processes (pid: start time) and its kernels' uids."""
    tree = [grader, *grader.children(recursive=True)]
    uids = {u for u in map(_job_uid, tree) if u is not None}
    found = set(tree)
    found |= {p for p in psutil.process_iter() if _job_uid(p) in uids}
    out = {}
    for p in found:
        try:
            out[p.pid] = p.create_time()
        except psutil.Error:
            pass
    return out, uids


def _cmdline(p: psutil.Process) -> list[str]:
    try:
        return p.cmdline()
    except psutil.Error:
        return []


def _alive(processes: dict[int, float]) -> list[int]:
    alive = []
    for pid, started in processes.items():
        try:
            p = psutil.Process(pid)
            if p.create_time() == started and p.status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.Error:
            pass
    return alive


def _scores(course: Path) -> dict[str, str]:
    with open(course / "reports" / f"{MODULE}-grades.csv", newline="", encoding="utf-8") as handle:
        return {row["learner"]: row["score"] for row in csv.DictReader(handle)}


def test_kill_9_of_the_grader_leaves_nothing_and_a_rerun_scores_the_same(tmp_path):
    course = fresh_course(tmp_path / "killed")
    kit = Kit(course)
    hand_ins = _hand_ins(kit, tmp_path / "hand-ins")
    grader = _grader(course, hand_ins)
    root = psutil.Process(grader.pid)
    deadline = time.monotonic() + 120
    while True:  # kernels run, the daemon has left the process tree, feedback is being written
        assert grader.poll() is None, grader.stdout.read().decode()
        assert time.monotonic() < deadline, "the batch never got its kernels running"
        processes, uids = _batch(root)
        tree = {p.pid for p in [root, *root.children(recursive=True)]}
        feedback = any("multiprocessing" in " ".join(_cmdline(p)) for p in root.children(recursive=True))
        if len(uids) >= 2 and feedback and any(pid not in tree for pid in processes):
            break
        time.sleep(0.2)
    grader.send_signal(signal.SIGKILL)
    grader.wait()
    gone_by = time.monotonic() + 5
    while _alive(processes) and time.monotonic() < gone_by:
        time.sleep(0.1)
    left = _alive(processes)
    assert left == [], [" ".join(_cmdline(psutil.Process(p))[:4]) for p in left]

    rerun = _grader(course, hand_ins)
    assert rerun.wait(timeout=300) == 0, rerun.stdout.read().decode()
    whole = fresh_course(tmp_path / "whole")
    once = _grader(whole, hand_ins)
    assert once.wait(timeout=300) == 0, once.stdout.read().decode()
    assert _scores(course) == _scores(whole)
    assert set(_scores(whole)) == {"a-daemon", "b-sleeper", "c-correct", "d-blank"}
