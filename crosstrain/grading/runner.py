"""Execute sanitized submissions in parallel, each in its own walled-in kernel.

This is nbgrader's ``Execute`` step and nothing else: the gradebook is neither
read nor written here, so any number of workers can run at once while the main
thread keeps every gradebook write in order.

Each job gets a fresh folder (a copy of the learner's files), a fresh kernel
started by ``crosstrain.grading.sandbox`` and a wall-clock watchdog. A worker
launches the kernel of its next job before running the current one, so kernel
start-up overlaps with execution (a warm pool without sharing a kernel between
learners). Whatever the submission does, ``Outcome.problems`` says what went
wrong and every test cell that did not run to completion carries an error
output, so nbgrader cannot award it points.
"""

from __future__ import annotations

import copy
import json
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError
from nbclient.output_widget import OutputWidget
from nbformat import NotebookNode
from nbgrader import utils as nbutils
from nbgrader.preprocessors import Execute
from traitlets import Any
from traitlets import Dict as TDict
from traitlets.config import Config

from crosstrain.grading import sandbox
from crosstrain.grading.guardian import Guardian
from crosstrain.grading.jobs import JobFolder, UidLease, readable_copy, reap_leftovers
from crosstrain.grading.sandbox import Isolation, Limits, launcher_spec
from crosstrain.grading.watchdog import Watchdog, kernel_pid
from crosstrain.grading.zygote import Zygote

#: ename of the error output put in cells the kernel never finished.
NOT_RUN = "NotGraded"


@dataclass
class Job:
    """One notebook of one learner, sanitized and ready to run."""

    number: int
    learner: str
    notebook: str
    nb: NotebookNode
    resources: dict
    files: tuple[Path, ...] = ()     # folders whose other files the kernel gets, later ones winning
    env: dict = field(default_factory=dict)  # the learner's world (crosstrain.grading.worlds)


@dataclass
class Outcome:
    job: Job
    nb: NotebookNode
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    kernel_log: str = ""             # the end of the kernel's own stderr, when something went wrong


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels start inside ``crosstrain.grading.sandbox``."""

    sandbox = TDict(help="Arguments for the launcher: limits, job folder, uid, isolation.")
    lease = Any(None, allow_none=True, help="The UidLease of this kernel's own uid, if any.")
    folder = Any(None, allow_none=True, help="The JobFolder the kernel works in.")

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        # run as a script: ``-m`` would import the crosstrain package (and pandas) first
        return [sys.executable, sandbox.__file__, "--spec", json.dumps(self.sandbox), "--", *cmd]


class SandboxExecute(Execute):
    """nbgrader's Execute with an output cap enforced while messages arrive."""

    def __init__(self, *args, output_limit: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.output_limit = output_limit
        self.current_index = -1
        self._used: dict[int, int] = {}
        self.cut: set[int] = set()

    def on_comm_open_jupyter_widget(self, msg):
        """nbclient's stand-in for an Output widget echoes each output back to the kernel on
        the shell channel while this cell's reply is awaited on the same socket; the reply
        then often went unseen until the cell timeout (a 120 s stall per widget cell,
        nbclient issue 312). A grader needs no echo: keep the outputs, send nothing."""
        widget = super().on_comm_open_jupyter_widget(msg)
        if isinstance(widget, OutputWidget):
            widget.sync_state = lambda: None
        return widget

    def output(self, outs, msg, display_id, cell_index):
        if msg["msg_type"] != "error":
            used = self._used.get(cell_index, 0) + _size(msg["content"])
            self._used[cell_index] = used
            if used > self.output_limit:
                self.cut.add(cell_index)
                return None
        return super().output(outs, msg, display_id, cell_index)

    def preprocess_cell(self, cell, resources, index):
        self.current_index = index
        cell, resources = super().preprocess_cell(cell, resources, index)
        if index in self.cut:
            cell.outputs.append(_error_output(
                "OutputLimitExceeded", f"more than {self.output_limit // 1024} KiB of output; the rest was cut"))
        return cell, resources


def _size(content: dict) -> int:
    if "text" in content:
        return len(content["text"])
    data = content.get("data") or {}
    return sum(len(v) if isinstance(v, str) else len(str(v)) for v in data.values()) or 64


def _error_output(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class Runner:
    """Runs jobs on ``workers`` threads: ``submit`` jobs, ``get`` outcomes as they finish."""

    def __init__(self, *, workers: int, limits: Limits, isolation: Isolation,
                 config=None, scratch: Path | None = None, shared: Iterable[Path] = (), warm: bool = True,
                 world: Path | None = None):
        self.workers = max(1, workers)
        self.limits = limits
        self.config = config
        if isolation.namespace:
            reap_leftovers()  # a killed run's daemons, whose uids nobody holds any more
        self.scratch = Path(tempfile.mkdtemp(prefix="crosstrain-grade-", dir=scratch))
        self.scratch.chmod(0o711)
        self._guardian = Guardian()  # cleans up after us even if we are killed
        self._guardian.tell("+folder", self.scratch)
        self._live: set = set()      # kernels running now, killed if the batch is abandoned
        # jobs must not see each other's folders either
        overlays = [o for o in (readable_copy(p, self.scratch) for p in shared) if o] if isolation.namespace else []
        self.isolation = isolation.with_scratch(self.scratch, overlays)
        # ``world``: the one world every job loads, read once by the fork server (never
        # given when jobs load different worlds: no kernel may hold another learner's)
        self._zygote = Zygote(self.scratch, world) if warm else None
        self._execute_config = _execute_config(config, limits)
        self._todo: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._threads = [threading.Thread(target=self._worker, daemon=True) for _ in range(self.workers)]
        for thread in self._threads:
            thread.start()

    def submit(self, job: Job) -> None:
        self._todo.put(job)

    def get(self, timeout: float | None = None) -> Outcome | None:
        """The next finished outcome; None if none finished within ``timeout``."""
        try:
            return self._done.get(timeout=timeout)
        except queue.Empty:
            return None

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Submit all ``jobs`` and yield their outcomes in the order they finish."""
        count = 0
        for job in jobs:
            self.submit(job)
            count += 1
        for _ in range(count):
            yield self._done.get()

    def close(self, abandon: bool = False) -> None:
        """Stop the workers; ``abandon``: drop queued jobs and kill the running kernels."""
        if abandon:
            while not self._todo.empty():
                try:
                    self._todo.get_nowait()
                except queue.Empty:
                    break
            for km in list(self._live):
                _kill(km)
        for _ in self._threads:
            self._todo.put(None)
        for thread in self._threads:
            thread.join()
        if self._zygote is not None:
            self._zygote.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)
        self._guardian.close()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, kind, *exc) -> None:
        self.close(abandon=kind is not None)

    # -- one worker -------------------------------------------------------
    def _worker(self) -> None:
        current = self._take(block=True)
        while current is not None:
            following = self._take(block=False)   # its kernel boots while `current` runs
            self._done.put(self._finish(*current))
            current = following if following is not None else self._take(block=True)

    def _take(self, block: bool):
        try:
            job = self._todo.get(block=block)
        except queue.Empty:
            return None
        if job is None:
            self._todo.put(None)  # leave the stop sign for this worker's next take
            return None
        started = time.perf_counter()
        try:
            return job, self._start(job), started
        except Exception as exc:  # noqa: BLE001 - any failure becomes this job's outcome
            return job, exc, started

    def _start(self, job: Job) -> SandboxKernelManager:
        job_folder = JobFolder(self.scratch / f"job-{job.number}", self.limits.disk, self.isolation.namespace,
                               self._guardian)
        folder = job_folder.path
        lease = km = None
        try:
            for files in job.files:
                if Path(files).is_dir():
                    shutil.copytree(files, folder, ignore=shutil.ignore_patterns("*.ipynb", ".*", "timestamp.txt"),
                                    dirs_exist_ok=True)
            lease = UidLease(self._guardian) if self.isolation.namespace else None
            km = SandboxKernelManager(
                kernel_name=job.nb.metadata.get("kernelspec", {}).get("name", "python3"),
                connection_file=str(folder / ".kernel.json"), transport="ipc", ip=str(folder / ".ipc"),
            )
            km.lease, km.folder = lease, job_folder
            km.sandbox = launcher_spec(self.limits, folder, lease.uid if lease else None, self.isolation, job.env)
            if self._zygote is not None and self._zygote.ready():
                km.sandbox["zygote"] = self._zygote.address
                km.sandbox["pid_file"] = str(self.scratch / f"job-{job.number}.pid")
            run_sync(km.start_kernel)(cwd=str(folder), extra_arguments=["--HistoryManager.hist_file=:memory:"])
        except BaseException:
            if km is not None:
                _shutdown(km)  # it may have started before connecting failed
            if lease is not None:
                lease.release()
            job_folder.remove()
            raise
        self._live.add(km)
        return km

    def _finish(self, job: Job, km, started: float) -> Outcome:
        outcome = Outcome(job, job.nb)
        if isinstance(km, Exception):
            outcome.problems.append(f"kernel did not start: {km}")
            _void_unrun(job.nb, 0, "the kernel did not start")
            return outcome
        ep = SandboxExecute(config=self._execute_config, output_limit=self.limits.output)
        watchdog = Watchdog(km, self.limits, km.lease.uid if km.lease else None,
                             self.scratch / f"job-{job.number}.pid", _kill)
        try:
            nb, _ = ep.preprocess(job.nb, job.resources, km=km)
            outcome.nb = nb
        except Exception as exc:  # noqa: BLE001 - a hostile notebook may break anything
            where = _where(job.nb, ep.current_index)
            if watchdog.fired:
                reason = f"{watchdog.fired} (stopped in {where})"
            elif isinstance(exc, DeadKernelError):
                reason = f"kernel died in {where} (os._exit, a crash, or a memory bomb)"
            else:
                reason = f"execution stopped in {where}: {type(exc).__name__}: {exc}"
            outcome.problems.append(reason)
            _void_unrun(job.nb, max(ep.current_index, 0), reason)
        finally:
            watchdog.stop()
            kernel = kernel_pid(km, self.scratch / f"job-{job.number}.pid")
            _shutdown(km)
            self._live.discard(km)
            outcome.problems += _end_of_job(km, kernel, self.limits)
        outcome.problems += _cell_problems(outcome.nb, ep.cut)
        outcome.seconds = time.perf_counter() - started
        if outcome.problems:
            outcome.kernel_log = _tail(km.folder.path / "kernel.log")
        km.folder.remove()
        return outcome


def _end_of_job(km, kernel: int, limits: Limits) -> list[str]:
    """Kill what the job left running, and say what it left behind."""
    problems = []
    if km.lease is not None:
        left = km.lease.leftovers(kernel)
        km.lease.release()  # kills every process of the job's uid, daemons included
        if left:
            problems.append(f"left {left} process{'es' if left > 1 else ''} running after the notebook (killed)")
    if km.folder.full():
        problems.append(f"disk limit: the job filled its {limits.disk // 1024**2} MB folder; writes past it failed")
    return problems


def _execute_config(config, limits: Limits) -> Config:
    """The course config with this batch's limits on top. Config, not keyword arguments:
    nbconvert's preprocess() re-initialises the client from config alone."""
    merged = Config(copy.deepcopy(config)) if config is not None else Config()
    merged.SandboxExecute.timeout = limits.cell_timeout
    merged.SandboxExecute.shutdown_kernel = "immediate"
    merged.SandboxExecute.startup_timeout = 60
    # a flood of output may still be arriving after the reply: wait, then move on (the
    # cell is already marked) rather than abandon the whole notebook
    merged.SandboxExecute.iopub_timeout = 10
    merged.SandboxExecute.raise_on_iopub_timeout = False
    return merged


def _tail(path: Path, size: int = 4000) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, path.stat().st_size - size))
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _where(nb: NotebookNode, index: int) -> str:
    if 0 <= index < len(nb.cells):
        grade_id = nb.cells[index].metadata.get("nbgrader", {}).get("grade_id")
        return f"cell {grade_id}" if grade_id else f"cell {index + 1}"
    return "start-up"


def _void_unrun(nb: NotebookNode, first: int, reason: str) -> None:
    """Give every test cell from ``first`` on an error output: it did not run to the end."""
    for cell in nb.cells[first:]:
        if cell.cell_type == "code" and nbutils.is_grade(cell):
            cell.outputs = [_error_output(NOT_RUN, reason)]


def _cell_problems(nb: NotebookNode, cut: set[int]) -> list[str]:
    """Problems visible in the outputs: timeouts, memory errors, cut output."""
    found: list[str] = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") != "error":
                continue
            if out.ename == "CellTimeoutError":
                found.append(f"time limit: {_where(nb, index)} ran past the cell timeout")
            elif out.ename == "MemoryError":
                found.append(f"memory limit reached in {_where(nb, index)}")
    found += [f"output limit: {_where(nb, index)} printed too much; the rest was cut" for index in sorted(cut)]
    return found


def _kill(km) -> None:
    process = getattr(km.provisioner, "process", None) if km.provisioner else None
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGKILL)


def _shutdown(km) -> None:
    try:
        if run_sync(km.is_alive)():
            run_sync(km.shutdown_kernel)(now=True)
        else:
            run_sync(km.cleanup_resources)()
    except Exception:  # noqa: BLE001 - the kernel is gone either way
        _kill(km)
