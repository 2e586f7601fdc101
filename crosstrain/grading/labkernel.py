"""The kernel ``crosstrain lab`` gives an assessment module: the learner's install, walled in.

It is the assessment learner's kernel of the grader (``sandbox.isolation`` with
``library=course/learner-lib``: a root holding only Python, the learner-lib and the
worlds), written as a kernelspec ``argv`` so JupyterLab starts it. Where this machine
cannot wall a kernel in (not root on Linux), there is no assessment kernel, and the
learner is told where to work instead: never the full install, which holds the answers.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from crosstrain.errors import CrosstrainError
from crosstrain.grading import sandbox
from crosstrain.grading.jobs import FIRST_UID, UID_RANGE
from crosstrain.grading.learner_lib import library_of
from crosstrain.grading.sandbox import Limits, isolation, launcher_spec
from crosstrain.paths import generated_dir

#: Lab kernels' uids lie above the grader's (``jobs``), whose reaper kills every uid of its range,
#: and clear of nobody's 65534.
LAB_UIDS = range(FIRST_UID + UID_RANGE, FIRST_UID + UID_RANGE + 2000)
#: A working day of CPU time: an interactive kernel is not a hand-in run against the clock.
LIMITS = Limits(timeout=8 * 3600)


def kernel_argv(course_root: Path, modules: list[str], job_dir: Path, env: dict[str, str]) -> list[str]:
    """The kernelspec ``argv`` of the assessment kernel working in ``job_dir``, with ``env`` (the seat's world)."""
    library = library_of(course_root)
    if not (library / "crosstrain").is_dir():
        raise CrosstrainError(f"{library} is missing, the assessment of {', '.join(modules)} needs it: "
                              f"run crosstrain build {' '.join(modules)} --mode assessment")
    iso = isolation([], needed=[generated_dir()], library=library)
    if not iso.namespace:
        raise CrosstrainError(f"{', '.join(modules)} is an assessment, whose kernel must be walled off from the answers, "
                              "which this machine cannot do (it takes root on Linux): work on it on the course hub, "
                              "or on the trainer's machine with sudo crosstrain lab")
    spec = launcher_spec(LIMITS, job_dir, lab_uid(job_dir), iso, env)
    spec["connection"] = True
    return [sys.executable, sandbox.__file__, "--spec", json.dumps(spec), "--",
            sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]


def lab_uid(job_dir: Path) -> int:
    """A uid of the workspace's own (stable across runs), so two learners' kernels do not share one."""
    digest = int(hashlib.sha256(str(Path(job_dir).resolve()).encode()).hexdigest(), 16)
    return LAB_UIDS[digest % len(LAB_UIDS)]
