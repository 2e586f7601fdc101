"""Run one learner's kernel inside limits, so hostile code harms nobody else.

A submission is untrusted code. Its kernel is started through this file, run as a
script (``python .../sandbox.py --spec JSON -- <kernel command>``), which, before
handing over to ipykernel (or asking the ``zygote`` to fork a pre-imported kernel):

- caps address space, CPU time, file size, process count and core dumps;
- builds the environment from an allow-list (no ``NBGRADER_*`` hint that grading
  is under way, no host secrets), with HOME and every cache inside the job folder;
- sends the kernel's own stdout/stderr to ``kernel.log`` in the job folder;
- when started as root and Linux allows it: enters a private mount namespace and a new
  root built from an allow-list (``rootfs``): the system folders, a few files of /etc,
  a minimal /dev, /proc, empty private /tmp, /var/tmp and /dev/shm, and read-only, at
  their own paths, the interpreter and its site-packages, the ``crosstrain`` package
  folder, the world recipes and the worlds this batch loads; the job folder read-write.
  Nothing else of the machine exists there: not the project checkout, not any other
  checkout or course folder, not /home, /root, /srv, /opt, /var or /mnt. It then becomes
  a uid of its own (``jobs.UidLease``, unique across concurrent grading runs) and asks
  to be killed when its parent dies (set after the uid change: Linux clears it there).
  The job folder itself is a size-capped tmpfs the grader mounted (``jobs.JobFolder``).

``Limits`` carries the numbers. This module imports nothing but the standard
library: it runs once per kernel and must start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __package__:
    from crosstrain.grading import rootfs
else:  # run as a script: its own folder is on sys.path, the package's heavy __init__ is not run
    import rootfs

#: Variables a kernel may inherit; everything else (tokens, NBGRADER_*, ...) is dropped.
ENV_ALLOWED = ("PATH", "LANG", "LC_ALL", "TZ", "CROSSTRAIN_DATA_DIR", "CROSSTRAIN_WORLD", "PYTHONHASHSEED",
               # where the interpreter finds its own shared library and Jupyter its data files
               "LD_LIBRARY_PATH", "JUPYTER_PATH")
#: Fixed settings: one BLAS thread keeps memory and CPU inside the limits.
ENV_FIXED = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


@dataclass(frozen=True)
class Limits:
    """What one submission may use. Times in seconds, sizes in bytes."""

    timeout: float = 120.0          # wall clock for the whole notebook
    cell_timeout: int = 30          # one cell (nbgrader's Execute.timeout)
    memory: int = 2 * 1024**3       # resident memory of the kernel (watched by the runner)
    output: int = 1024**2           # output kept per cell; the rest is cut
    file_size: int = 64 * 1024**2   # largest file the kernel may write
    processes: int = 256            # threads and processes of the kernel's uid
    disk: int = 256 * 1024**2       # everything the job folder may hold (own uid only)

    @property
    def address_space(self) -> int:
        """A hard backstop: pyarrow and BLAS reserve far more address space than they use."""
        return max(4 * self.memory, 8 * 1024**3)


#: Shared areas a kernel gets a private, empty, size-capped copy of (mode, size).
PRIVATE_AREAS = {"/tmp": "mode=1777,size=64m", "/var/tmp": "mode=1777,size=64m", "/dev/shm": "mode=1777,size=64m"}


@dataclass
class Isolation:
    """How a kernel is walled off; decided once per batch (see ``isolation()``).

    The kernel gets a new root (``rootfs``) holding the system folders, ``areas``
    (/tmp, /var/tmp, /dev/shm: empty and private), and ``reveal`` read-only at the same
    paths (the interpreter, the package, the recipes, the worlds loaded); ``secrets``
    (the course folder, the hand-ins) are hidden even where a reveal holds them;
    ``overlays`` show a readable copy in place of a folder only root may read.
    """

    namespace: bool                 # private mount namespace + own uid
    areas: dict[str, str] = field(default_factory=dict)
    reveal: list[str] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)
    overlays: list[tuple[str, str]] = field(default_factory=list)  # (readable copy, shown at)
    env: dict[str, str] = field(default_factory=dict)  # a learner's install: PYTHONPATH, data folder

    def describe(self) -> str:
        if self.namespace:
            return ("own uid, own root holding only the system folders, the interpreter, the crosstrain package and "
                    "this batch's worlds (no checkout, course, home or other folder of this machine), private /tmp, "
                    "job folder capped in size, nothing left running")
        return "own temporary folder only (not root, or mount namespaces unavailable): use a root-run grader for untrusted cohorts"

    def with_scratch(self, scratch: Path, overlays: list[tuple[str, str]]) -> Isolation:
        return Isolation(self.namespace, self.areas, self.reveal, [*self.secrets, str(scratch)], overlays, self.env)


def isolation(secrets: list[Path], needed: list[Path] = (), library: Path | None = None) -> Isolation:
    """The strongest isolation this machine allows for kernels started from here.

    ``secrets``: folders no kernel may see; ``needed``: folders kernels must read (the
    worlds the batch loads). The kernel's root holds the system folders and, besides
    ``needed``, the interpreter, the ``crosstrain`` package and the recipes; or, for an
    assessment learner's kernel, ``library`` (the learner's install without answers,
    first on its path) in place of the package, which is then absent.
    """
    from crosstrain.paths import RECIPES_DIR, generated_dir

    env = {} if library is None else {"PYTHONPATH": str(_real(library)), "CROSSTRAIN_DATA_DIR": str(_real(generated_dir()))}
    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        return Isolation(False, env=env)
    probe = subprocess.run([sys.executable, __file__, "--probe"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        return Isolation(False, env=env)

    package = Path(__file__).resolve().parents[1]
    python = {_real(p) for p in (sys.base_prefix, sys.prefix, Path(sys.executable).parent)}
    ours = {package, _real(RECIPES_DIR)} if library is None else {_real(library)}
    reveal = _outermost({*python, *ours, *map(_real, needed)})
    areas = {k: v for k, v in PRIVATE_AREAS.items() if os.path.isdir(k)}
    return Isolation(True, areas, sorted(str(p) for p in reveal if p.exists()),
                     sorted({str(_real(p)) for p in secrets}), env=env)


def _real(path) -> Path:
    return Path(path).resolve()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _outermost(paths: set[Path]) -> set[Path]:
    """Drop the folders that lie inside another one of ``paths`` (revealed with it)."""
    return {p for p in paths if not any(q != p and _inside(p, q) for q in paths)}


def launcher_spec(limits: Limits, job_dir: Path, uid: int | None, iso: Isolation, env: dict | None = None) -> dict:
    """The JSON the launcher reads: everything it needs to wall one kernel in."""
    return {
        "env": dict(env or {}),
        "limits": {**asdict(limits), "address_space": limits.address_space},
        "job_dir": str(job_dir),
        "uid": uid if iso.namespace else None,
        "areas": iso.areas, "reveal": iso.reveal, "secrets": iso.secrets, "overlays": iso.overlays,
        "install": iso.env,
    }


# --- the launcher process ----------------------------------------------------

_CLONE_NEWNS = 0x00020000
_MS_REC, _MS_PRIVATE = 16384, 1 << 18
_PR_SET_PDEATHSIG = 1
_libc, _check, _tmpfs = rootfs.libc, rootfs.check, rootfs.tmpfs


def _private_namespace(spec: dict) -> None:
    """Enter a mount namespace of our own, then a root holding only what ``spec`` allows."""
    libc = _libc()
    _check(libc.unshare(_CLONE_NEWNS), "unshare")
    _check(libc.mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None), "make / private")
    rootfs.enter(spec)


def mount_tmpfs(path: str, options: str) -> None:
    """Mount an empty tmpfs with ``options`` (size, mode) on ``path``, in this namespace."""
    _tmpfs(_libc(), path, options)


def _set_limits(limits: dict) -> None:
    soft_hard = lambda n: (n, n)  # noqa: E731 - a one-line pairing
    resource.setrlimit(resource.RLIMIT_AS, soft_hard(limits["address_space"]))
    resource.setrlimit(resource.RLIMIT_CPU, soft_hard(int(limits["timeout"]) + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, soft_hard(limits["file_size"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NPROC, soft_hard(limits["processes"]))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails, it does not kill


#: Variables the grader sets per kernel: which world this learner's notebook loads.
ENV_PER_JOB = ("CROSSTRAIN_WORLD", "CROSSTRAIN_SEED")


def environment(job_dir: str, job_env: dict | None = None, install: dict | None = None) -> dict[str, str]:
    env = {k: os.environ[k] for k in ENV_ALLOWED if k in os.environ}
    env.update({k: str(v) for k, v in (job_env or {}).items() if k in ENV_PER_JOB})
    env.update(install or {})  # set by the grader's own Isolation, never by a job
    env.update(ENV_FIXED)
    env.update(HOME=job_dir, TMPDIR=job_dir, IPYTHONDIR=f"{job_dir}/.ipython",
               MPLCONFIGDIR=f"{job_dir}/.matplotlib", JUPYTER_RUNTIME_DIR=f"{job_dir}/.runtime",
               JUPYTER_CONFIG_DIR=f"{job_dir}/.jupyter", JUPYTER_DATA_DIR=f"{job_dir}/.jupyter-data",
               JUPYTER_PLATFORM_DIRS="1")
    return env


def launch(spec: dict, cmd: list[str]) -> None:
    """Wall the current process in as ``spec`` says, then become the kernel.

    With a zygote (``crosstrain.grading.zygote``) the kernel is forked from it instead,
    its libraries already imported, and this process stays as the kernel's stand-in for
    jupyter_client: it forwards signals and exits when the kernel does."""
    if spec.get("zygote"):
        try:
            _stand_in(spec, cmd)
            return
        except OSError:
            pass  # the zygote is gone: start this kernel the slow way
    if spec.get("connection"):
        cmd = own_connection(cmd, spec["job_dir"])
    parent = os.getppid()
    wall_in(spec, parent)
    os.execve(cmd[0], cmd, environment(spec["job_dir"], spec.get("env"), spec.get("install")))


def own_connection(cmd: list[str], job_dir: str) -> list[str]:
    """A Lab kernel's connection file lies in the server's runtime folder, which the kernel's
    root lacks (as it must: the other kernels' keys are there): hand it a copy in its job folder."""
    at = cmd.index("-f") + 1
    copy = os.path.join(job_dir, os.path.basename(cmd[at]))
    shutil.copyfile(cmd[at], copy)
    os.chmod(copy, 0o600)
    return [*cmd[:at], copy, *cmd[at + 1:]]


def wall_in(spec: dict, parent: int) -> None:
    """Namespace, ownership, log, working folder, limits, then the job's own uid, and
    from then on death with ``parent`` (the grader, or the zygote that forked us)."""
    job_dir = spec["job_dir"]
    log = os.open(os.path.join(job_dir, "kernel.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    uid = spec.get("uid")
    if uid is not None:
        _private_namespace(spec)
        for root, dirs, files in os.walk(job_dir):
            for name in [*dirs, *files]:
                os.lchown(os.path.join(root, name), uid, uid)
        os.chown(job_dir, uid, uid)
        os.fchown(log, uid, uid)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    os.chdir(job_dir)
    _set_limits(spec["limits"])
    if uid is not None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """Be killed when ``parent`` dies; exit now if it already has.

    Set after any uid change, which clears it; the check closes the race with a parent
    that died before the call (we would then belong to init and never get the signal)."""
    _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _stand_in(spec: dict, cmd: list[str]) -> None:
    import socket

    die_with_parent(os.getppid())  # jupyter_client's stand-in dies with the grader

    kernel_gone, gone_end = os.pipe()      # EOF here: the kernel has exited
    me_alive, alive_end = os.pipe()        # EOF there: this stand-in was killed
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(spec["zygote"])  # OSError if the zygote is gone: the caller falls back
        socket.send_fds(conn, [json.dumps({"spec": spec, "argv": cmd}).encode()], [gone_end, me_alive])
        os.close(gone_end)
        os.close(me_alive)
        pid = int(conn.recv(64).decode() or 0)
    if not pid:
        os._exit(1)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(sig, lambda number, _frame: _forward(pid, number))
    while True:
        try:
            if not os.read(kernel_gone, 1):
                break
        except InterruptedError:
            continue
    os._exit(0)


def _forward(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass


def _probe() -> int:
    """Exit 0 if this machine lets us build the private namespace and root the launcher uses."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        pid = os.fork()
        if pid == 0:  # the child pivots; the parent is left to remove the scratch folder
            try:
                _private_namespace({"job_dir": scratch, "reveal": [], "overlays": [], "secrets": [],
                                    "areas": {"/tmp": "size=1m"}})
                os._exit(0 if os.path.isdir(scratch) and os.path.isdir("/usr") else 1)
            except BaseException:  # noqa: BLE001 - any failure means: not here
                os._exit(1)
        return 0 if os.waitpid(pid, 0)[1] == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crosstrain.grading.sandbox")
    parser.add_argument("--spec", help="JSON from launcher_spec()")
    parser.add_argument("--probe", action="store_true")
    parser.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.probe:
        return _probe()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    launch(json.loads(args.spec), cmd)
    return 1  # execve does not return


if __name__ == "__main__":
    sys.exit(main())
