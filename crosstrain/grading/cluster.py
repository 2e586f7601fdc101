"""Execution fanned out on a Dask cluster: one task per notebook, the same sandbox on the worker.

``ClusterRunner`` has ``Runner``'s ``submit``/``get`` so the batch grader does not change:
it still sanitizes, saves, re-checks and writes the gradebook itself, on its own thread,
once per outcome. A task carries the sanitized notebook and the learner's other files
(not paths: the worker may be another machine), builds the learner's world from its
preset and seed on the worker (deterministic, never shipped), and runs the notebook in a
one-job ``Runner`` there, walled in exactly as locally. A task Dask re-runs after losing
a worker still yields one result, so nothing is counted twice.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from crosstrain.errors import CrosstrainError
from crosstrain.grading.runner import Job, Outcome
from crosstrain.grading.sandbox import Limits

#: What a worker that could not start a kernel says (the batch stops rather than zero learners).
NO_KERNEL = "kernel did not start"


@dataclass
class Task:
    """What travels to a worker: the job without local paths, and the batch's settings."""

    job: Job
    files: dict[str, bytes]
    limits: Limits
    config: object


def pack(folders) -> dict[str, bytes]:
    """The learner's other files as the local Runner copies them (later folders win)."""
    files: dict[str, bytes] = {}
    for folder in map(Path, folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if path.is_file() and not path.is_symlink() and path.suffix != ".ipynb" and path.name != "timestamp.txt" \
                    and not any(part.startswith(".") for part in rel.parts):
                files[str(rel)] = path.read_bytes()
    return files


def run_task(task: Task) -> tuple:
    """On the worker: the learner's world, a staging folder, one sandboxed run."""
    from crosstrain.course.variants import SEED_ENV, WORLD_ENV
    from crosstrain.grading.recheck import course_world
    from crosstrain.grading.runner import Runner
    from crosstrain.grading.sandbox import isolation
    from crosstrain.paths import COURSE_DIR, GRADERS_DIR, MODULES_DIR

    env = task.job.env
    seed = env.get(SEED_ENV)
    world = course_world(env[WORLD_ENV], int(seed) if seed else None).path
    staging = Path(tempfile.mkdtemp(prefix="crosstrain-task-"))
    try:
        for rel, data in task.files.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging / rel).write_bytes(data)
        job = Job(task.job.number, task.job.learner, task.job.notebook, task.job.nb, task.job.resources, (staging,), env)
        iso = isolation([staging, COURSE_DIR, MODULES_DIR, GRADERS_DIR], needed=[world])
        with Runner(workers=1, limits=task.limits, isolation=iso, config=task.config, shared=[world], warm=False) as runner:
            outcome = next(runner.run([job]))
        return outcome.nb, outcome.problems, outcome.seconds, outcome.kernel_log, iso.describe()
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class ClusterRunner:
    """``submit`` jobs to the cluster at ``address``; ``get`` outcomes as they finish."""

    def __init__(self, address: str, *, limits: Limits, config=None):
        from distributed import Client

        try:
            self.client = Client(address, timeout=30)
        except OSError as exc:
            raise CrosstrainError(f"cannot reach the Dask scheduler at {address} ({exc}): start it, or grade without --cluster") from None
        self.limits, self.config = limits, config
        self.batch = uuid.uuid4().hex[:8]
        self.worker_isolation = ""
        self._done: queue.Queue = queue.Queue()
        self._jobs: dict[str, Job] = {}
        self._futures: list = []

    def submit(self, job: Job) -> None:
        task = Task(job, pack(job.files), self.limits, self.config)
        key = f"crosstrain-{self.batch}-{job.number}"  # one key per job: a duplicate submit is the same task
        self._jobs[key] = job
        future = self.client.submit(run_task, task, key=key, pure=False, retries=1)
        future.add_done_callback(self._done.put)
        self._futures.append(future)

    def get(self, timeout: float | None = None) -> Outcome | None:
        try:
            future = self._done.get(timeout=timeout)
        except queue.Empty:
            return None
        job = self._jobs.pop(future.key)
        try:
            nb, problems, seconds, kernel_log, described = future.result()
        except Exception as exc:  # noqa: BLE001 - the task itself failed on every try
            raise CrosstrainError(f"the cluster could not grade {job.learner} ({type(exc).__name__}: {str(exc)[:120]}): "
                                  "check the workers' logs, nothing more was graded") from None
        starts = [p for p in problems if p.startswith(NO_KERNEL)]
        if starts:
            raise CrosstrainError(f"a worker cannot start the sandbox ({starts[0][:160]}): fix the workers, nothing more was graded")
        self.worker_isolation = described
        return Outcome(job, nb, problems, seconds, kernel_log)

    def close(self, abandon: bool = False) -> None:
        if abandon:
            self.client.cancel(self._futures, force=True)
        self.client.close()

    def __enter__(self) -> ClusterRunner:
        return self

    def __exit__(self, kind, *exc) -> None:
        self.close(abandon=kind is not None)
