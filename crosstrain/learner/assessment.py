"""Assessment modules in a learner's workspace run on a kernel without the answers.

A release built in assessment mode says so in its metadata (``crosstrain.mode``). Its
notebook is copied into the workspace naming the ``crosstrain-assessment`` kernel, whose
kernelspec lies in the workspace's own Jupyter data folder; the kernel command comes from
the grader (``crosstrain.grading.labkernel``), passed in by the command line, as learner
verbs never import the grader. Practice modules keep the usual ``python3`` kernel.

A Lab on a workspace that holds an assessment (``lab_config``) offers that kernel only and
no terminal: a ``python3`` kernel or a shell beside the notebook would run the full install,
which holds the answers. Its ``JUPYTER_PATH`` goes to that Lab's environment alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat

from crosstrain.course.atomic import write_text_atomic

KERNEL = "crosstrain-assessment"
KERNELSPEC = {"name": KERNEL, "display_name": "Python 3 (assessment: no answers)", "language": "python"}
#: The workspace's Jupyter data folder (kernelspecs) and the assessment kernel's working folder.
DATA = Path(".crosstrain") / "jupyter"
JOB = Path(".crosstrain") / "assessment-kernel"


def is_assessment(release: Path) -> bool:
    """Whether the release notebook was built in assessment mode."""
    try:
        metadata = json.loads(Path(release).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return False
    return metadata.get("crosstrain", {}).get("mode") == "assessment"


def with_kernel(data: bytes) -> bytes:
    """A notebook's bytes naming the assessment kernel."""
    notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    return nbformat.writes(notebook).encode("utf-8") + b"\n"


def as_released(data: bytes, release: Path) -> bytes:
    """A hand-in's bytes naming its release's kernel again: the grader runs its own kernel and
    would otherwise report ours as a kernel the learner changed."""
    notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
    try:
        released = json.loads(Path(release).read_text(encoding="utf-8"))["metadata"]["kernelspec"]
    except (OSError, ValueError, KeyError):
        released = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    notebook.metadata["kernelspec"] = released
    return nbformat.writes(notebook).encode("utf-8") + b"\n"


def names_kernel(path: Path) -> bool:
    return json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {}).get("kernelspec", {}).get("name") == KERNEL


def open_kernel(workspace: Path, course_root: Path, modules: list[str], env: dict[str, str], kernel_argv) -> str:
    """Write the assessment kernelspec into the workspace (``lab_config`` shows it to Lab); a line saying so.

    ``kernel_argv(course_root, modules, job_dir, env)`` is the grader's; it raises, in one line, where
    this machine cannot wall the kernel in. Without it there is no assessment kernel either."""
    if kernel_argv is None:
        raise ValueError("an assessment module needs the grader's kernel command")
    job = Path(workspace) / JOB
    job.mkdir(parents=True, exist_ok=True)
    argv = kernel_argv(course_root, modules, job, env)
    kernel_json = {"argv": argv, "display_name": KERNELSPEC["display_name"], "language": "python"}
    write_text_atomic(Path(workspace) / DATA / "kernels" / KERNEL / "kernel.json", json.dumps(kernel_json, indent=1) + "\n")
    return f"{', '.join(modules)}: assessment, runs on a kernel that sees only the learner's install (no answers)"


#: The Jupyter server options of an assessment Lab: its kernel alone, started by default, and no terminal.
LAB_OPTIONS = (f"--KernelSpecManager.allowed_kernelspecs={KERNEL}", f"--MappingKernelManager.default_kernel_name={KERNEL}",
               "--ServerApp.terminals_enabled=False")


def lab_config(workspace: Path, environ=None) -> tuple[list[str], dict[str, str]]:
    """The extra ``jupyter lab`` options and the environment of a Lab on a workspace holding an
    assessment: ``environ`` (this process's) with the workspace's kernelspecs first on ``JUPYTER_PATH``."""
    environ = dict(os.environ if environ is None else environ)
    data = str(Path(workspace) / DATA)
    paths = [p for p in environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != data]
    return list(LAB_OPTIONS), {**environ, "JUPYTER_PATH": os.pathsep.join([data, *paths])}
