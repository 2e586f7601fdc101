"""Benchmark: a 40-learner cohort of module 00 graded by stock nbgrader and by crosstrain.

Builds two scratch copies of the course, hands the same cohort (correct, partial, blank
and broken learners) to ``nbgrader autograde`` (the CLI, one process, as a trainer would
run it) and to ``crosstrain grade``, checks that both give every cell the same score,
and prints both times, the per-notebook cost against a bare nbclient execution of the
same notebook, and last ``ratio: <nbgrader seconds / crosstrain seconds>``.

    .venv/bin/python benchmarks/bench_grading.py [--learners 40] [--world default]
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbgrader.api import Gradebook

from crosstrain.course.config import course_config
from crosstrain.grading.build import build
from crosstrain.grading.cohort import write_cohort
from crosstrain.paths import COURSE_DIR

MODULE = "00-orientation"
KINDS = ("correct", "partial", "blank", "broken")
BIN = Path(sys.executable).parent


def scratch_course(root: Path) -> Path:
    course = root / "course"
    course.mkdir(parents=True)
    for name in ("nbgrader_config.py", "syllabus.yml"):
        shutil.copy(COURSE_DIR / name, course / name)
    build([MODULE], course_root=course, progress=False, world=False)
    return course


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 1):  # nbgrader exits 1 when some hand-ins fail (the broken ones)
        sys.exit(f"{cmd[0]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return seconds


def scores(course: Path) -> dict[tuple[str, str], float | None]:
    with Gradebook(course_config(course).CourseDirectory.db_url) as gb:
        return {(s.student.id, g.name): g.score for s in gb.find_assignment(MODULE).submissions
                for n in s.notebooks for g in n.grades if not g.needs_manual_grade}


def bare_seconds(notebook: Path, runs: int = 3) -> float:
    """Mean wall time of a plain nbclient execution of one notebook, kernel start included."""
    nb = nbformat.read(notebook, as_version=4)
    total = 0.0
    for _ in range(runs):
        started = time.perf_counter()
        NotebookClient(copy.deepcopy(nb), kernel_name="python3", shutdown_kernel="immediate",
                       resources={"metadata": {"path": str(notebook.parent)}}).execute()
        total += time.perf_counter() - started
    return total / runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--world", default=None, help="CROSSTRAIN_WORLD for the notebooks (default: the course's)")
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    args = parser.parse_args()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    if args.world:
        env["CROSSTRAIN_WORLD"] = os.environ["CROSSTRAIN_WORLD"] = args.world

    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        root = Path(tmp)
        stock, ours = scratch_course(root / "stock"), scratch_course(root / "ours")
        learners = {f"learner{i:02d}": KINDS[i % len(KINDS)] for i in range(args.learners)}
        hand_ins = write_cohort(ours, MODULE, root / "hand-ins", learners)
        for learner in learners:
            dest = stock / "submitted" / learner / MODULE
            dest.mkdir(parents=True)
            shutil.copy(hand_ins / learner / f"{MODULE}.ipynb", dest / f"{MODULE}.ipynb")
        print(f"cohort: {args.learners} learners of {MODULE} ({', '.join(KINDS)}), {args.workers} workers, "
              f"{os.cpu_count()} cores, world {env.get('CROSSTRAIN_WORLD', 'default')}")

        bare = bare_seconds(hand_ins / "learner00" / f"{MODULE}.ipynb")
        nbgrader_s = timed([str(BIN / "nbgrader"), "autograde", MODULE], stock, env)
        crosstrain_s = timed([str(BIN / "crosstrain"), "grade", MODULE, "--from", str(hand_ins), "--course", str(ours),
                              "--workers", str(args.workers), "--quiet"], root, env)

        theirs, mine = scores(stock), scores(ours)
        both = sorted(set(theirs) & set(mine))
        differ = [(k, theirs[k], mine[k]) for k in both if theirs[k] != mine[k]]
        broken = {k for k in mine if learners[k[0]] == "broken"}
        assert not differ, f"scores differ: {differ[:5]}"
        assert set(mine) - set(theirs) <= broken, "crosstrain graded cells nbgrader did not"
        assert len(both) >= len(mine) - len(broken), "nbgrader left cells ungraded that crosstrain graded"

        executed = sum(kind != "broken" for kind in learners.values())
        per_notebook = crosstrain_s * args.workers / executed
        print(f"scores agree on {len(both)} autograded cells ({len(broken)} cells of broken hand-ins "
              "scored zero by crosstrain only: nbgrader fails on them)")
        print(f"nbgrader autograde: {nbgrader_s:7.1f} s  ({nbgrader_s / args.learners:.2f} s per learner)")
        print(f"crosstrain grade:   {crosstrain_s:7.1f} s  ({crosstrain_s / args.learners:.2f} s per learner, "
              "with pre-flight, re-check, feedback, CSV and report)")
        print(f"bare nbclient run of one notebook: {bare:.2f} s; crosstrain per notebook (wall x workers / executed): "
              f"{per_notebook:.2f} s = {per_notebook / bare:.2f}x bare")
        print(f"ratio: {nbgrader_s / crosstrain_s:.2f}")


if __name__ == "__main__":
    main()
