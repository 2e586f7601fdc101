"""Pack a learner's module notebook into a zip a trainer can grade from a mail folder.

The zip is named ``<learner>_<module>.zip`` and holds ``<module>.ipynb`` (the name the
release has, so nbgrader's autograde finds it) and ``timestamp.txt`` (nbgrader's own
hand-in time format, used for late penalties). ``crosstrain grade MODULE --from FOLDER``
reads the learner id as the part of the zip's name before the first ``_``, as LMS
downloads for nbgrader's zip_collect are named; that is why a learner id may not
contain ``_``.

nbgrader's ``zip_collect`` has no default file-name pattern (``named_regexp`` is empty
and every file is skipped until a trainer sets one). For a course that collects with
plain nbgrader, ``ZIP_COLLECT_REGEXP`` matches the files its extractor unpacks from
these zips (``extracted/<learner>_<module>/<module>.ipynb``)::

    c.FileNameCollectorPlugin.named_regexp = ZIP_COLLECT_REGEXP
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import nbformat

from crosstrain.course.catalog import resolve
from crosstrain.course.config import notebook_path
from crosstrain.course.syllabus import load_syllabus
from crosstrain.course.variants import read_seat
from crosstrain.errors import CrosstrainError
from crosstrain.learner.assessment import KERNEL, as_released
from crosstrain.learner.progress import exercise_states
from crosstrain.learner.workspace import module_notebook, read_manifest, write_manifest
from crosstrain.paths import COURSE_DIR

LEARNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$")
ZIP_COLLECT_REGEXP = r".*/(?P<student_id>[A-Za-z0-9][A-Za-z0-9.-]*)_(?P<module>[^/_]+)/(?P<file_id>[^/]+\.ipynb)$"
TIMESTAMP_FILE = "timestamp.txt"
OUTBOX = "outbox"


def check_learner_id(value: str) -> str:
    """The id, or a one-line error saying what a valid id looks like."""
    value = (value or "").strip()
    if "_" in value:
        raise CrosstrainError(f"learner id '{value}' contains '_': the zip's name uses '_' to separate your id from the module, use '-' or '.' instead (e.g. {value.replace('_', '-')})")
    if not LEARNER_ID.match(value):
        raise CrosstrainError(f"'{value}' is not a valid learner id: use letters, digits, '-' and '.', starting with a letter or digit (e.g. alice.martin)")
    return value


def zip_name(learner: str, module_id: str) -> str:
    return f"{learner}_{module_id}.zip"


def nbgrader_timestamp(when: datetime) -> str:
    """The format nbgrader's own submit writes to timestamp.txt."""
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z")


@dataclass
class Submitted:
    archive: Path
    learner: str
    module: str
    warnings: list[str] = field(default_factory=list)


def submit(module: str, workspace: Path | str, learner: str | None = None, out_dir: Path | str | None = None,
           course_root: Path = COURSE_DIR, now: datetime | None = None) -> Submitted:
    """Write ``<learner>_<module>.zip`` to ``out_dir`` (default: the workspace's outbox)."""
    workspace = Path(workspace).expanduser()
    module_id = resolve(load_syllabus(course_root), module).id
    manifest = read_manifest(workspace)
    seat = read_seat(workspace)
    if seat is not None and learner is not None and learner != seat.learner:
        raise CrosstrainError(f"this workspace is {seat.learner}'s (their answers are computed on their own data): "
                              f"submit as {seat.learner}, or work in your own workspace with crosstrain lab --learner {learner}")
    if learner is None and seat is not None:
        learner = seat.learner
    learner = check_learner_id(learner if learner is not None else _remembered(manifest))
    notebook_file = module_notebook(workspace, module_id)
    if not notebook_file.is_file():
        raise CrosstrainError(f"no notebook for {module_id} at {notebook_file}: run crosstrain lab first (or give --workspace)")
    try:
        notebook = nbformat.read(notebook_file, as_version=4)
    except Exception as exc:  # nbformat raises several types for a damaged file
        raise CrosstrainError(f"{notebook_file} is not a readable notebook ({type(exc).__name__}): open it in JupyterLab, save it, and submit again") from None
    result = Submitted(Path(out_dir or workspace / OUTBOX).expanduser() / zip_name(learner, module_id), learner, module_id)
    todo = [e.name for e in exercise_states(notebook) if not e.done]
    if todo:
        result.warnings.append(f"not answered or not self-checked yet: {', '.join(todo)} (packed anyway; you can submit again later)")
    data = notebook_file.read_bytes()
    if notebook.metadata.get("kernelspec", {}).get("name") == KERNEL:
        data = as_released(data, notebook_path(course_root, "release", module_id))
    _write_zip(result.archive, {
        f"{module_id}.ipynb": data,
        TIMESTAMP_FILE: nbgrader_timestamp(now or datetime.now(UTC)).encode(),
    })
    if manifest.get("learner") != learner and (Path(workspace) / ".crosstrain").is_dir():
        manifest["learner"] = learner
        write_manifest(workspace, manifest)
    return result


def _remembered(manifest: dict) -> str:
    learner = manifest.get("learner")
    if not learner:
        raise CrosstrainError("who is submitting? give --learner ID (the id your trainer gave you); it is remembered for next time")
    return learner


def _write_zip(path: Path, members: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
