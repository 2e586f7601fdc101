"""A fork server for kernels: start each learner's kernel from a warm, pre-imported process.

A fresh Python kernel spends most of a small notebook's CPU importing ipykernel,
pandas, pyarrow and the course library. The zygote imports them once per batch, then
forks one child per submission; each child walls itself in exactly as the plain
launcher does (``sandbox.wall_in``: namespace, own uid, limits) and only then runs
ipykernel. Children share nothing with each other but the read-only imported code,
so one learner's kernel still cannot touch another's.

If the zygote does not come up, each kernel is a fresh process as before.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import socket
import sys
import threading
from pathlib import Path

from crosstrain.grading.sandbox import die_with_parent, environment, wall_in

#: Imported once in the zygote; what a course notebook's first cell needs.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "numpy", "pandas", "pyarrow.parquet",
           "matplotlib.pyplot", "crosstrain", "crosstrain.notebook", "crosstrain.notebook.session", "crosstrain.notebook.exercises")
#: The backend a kernel would pick; set before matplotlib is preloaded, since it reads
#: it on import. The backend module itself loads on a kernel's first plot, in the child.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def serve(address: str, world: str | None = None) -> None:
    """Preload (and read the batch's one shared ``world`` folder, if given), then fork a
    kernel for each request on the Unix socket ``address``."""
    die_with_parent(os.getppid())  # never outlive the grader
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a missing extra only costs speed
            pass
    _preload_exercises()
    if world:
        _preload_world(world)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # children are reaped by the kernel
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(address)
    os.chmod(address, 0o600)
    server.listen(64)
    print("ready", flush=True)
    me = os.getpid()
    while True:
        conn, _ = server.accept()
        with conn:
            message, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 2)
            pid = os.fork()
            if pid == 0:
                server.close()
                conn.close()
                _child(json.loads(message), *fds, zygote=me)
            for fd in fds:
                os.close(fd)
            _note_pid(json.loads(message)["spec"].get("pid_file"), pid)
            conn.sendall(str(pid).encode())


def _note_pid(path: str | None, pid: int) -> None:
    """Where the runner's memory watchdog finds the kernel (it is not the stand-in's child)."""
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(str(pid))


def _preload_exercises() -> None:
    try:
        from crosstrain.notebook.exercises import MODULES
    except Exception:  # noqa: BLE001
        return
    for module in MODULES.values():
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001
            pass


def _preload_world(folder: str) -> None:
    """Every kernel of the batch loads this world: read its tables once, here."""
    try:
        from crosstrain.world.load import preload

        preload(Path(folder))
    except Exception:  # noqa: BLE001 - each kernel then reads the world itself
        pass


def _child(request: dict, kernel_gone: int, stand_in_alive: int, zygote: int) -> None:
    """In the forked child: wall in, watch the stand-in, become the kernel. Never returns."""
    code = 1
    try:
        os.setsid()
        for sig in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        spec, argv = request["spec"], request["argv"]
        env = environment(spec["job_dir"], spec.get("env"))
        wall_in(spec, zygote)  # then dies with the zygote, which dies with the grader
        os.environ.clear()
        os.environ.update(env)
        threading.Thread(target=_die_with, args=(stand_in_alive,), daemon=True).start()
        _ = kernel_gone  # held open until this process exits: its EOF tells the stand-in
        sys.argv = argv[2:] if argv[1:2] == ["-m"] else argv
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=_kernel_args(argv))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - report on the kernel's log, then go
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def _kernel_args(argv: list[str]) -> list[str]:
    """``python -m ipykernel_launcher -f conn ...`` -> ``['-f', conn, ...]``."""
    if "-m" in argv:
        return argv[argv.index("-m") + 2:]
    return argv[1:]


def _die_with(fd: int) -> None:
    """Exit when the stand-in goes (jupyter_client killed it): read returns EOF."""
    try:
        while os.read(fd, 1):
            pass
    except OSError:
        pass
    os._exit(1)


# --- the grader's side ------------------------------------------------------

class Zygote:
    """The kernel fork server (``crosstrain.grading.zygote``), started at once and waited
    for only when the first kernel needs it, so its preloading overlaps pre-flight."""

    def __init__(self, scratch: Path, world: Path | None = None):
        import subprocess

        from crosstrain.grading import sandbox

        home = scratch / "zygote"
        home.mkdir()
        self.address = str(scratch / "zygote.sock")
        with open(home / "zygote.log", "wb") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "crosstrain.grading.zygote", self.address,
                                             *([str(world)] if world else [])],
                                            cwd=home, env=sandbox.environment(str(home)),
                                            stdout=subprocess.PIPE, stderr=log)
        self._lock = threading.Lock()
        self._ready: bool | None = None

    def ready(self) -> bool:
        """True once it serves; False for good if it failed to come up (kernels start cold)."""
        with self._lock:
            if self._ready is None:
                self._ready = self.process.stdout.readline().strip() == b"ready"
            return self._ready

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
