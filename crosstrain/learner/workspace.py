"""A learner's workspace: the release notebooks of their path, never overwriting their work.

Layout: ``<workspace>/<module>/<module>.ipynb`` (with whatever else the release folder
holds) and ``<workspace>/.crosstrain/workspace.json``, the manifest. The manifest keeps
the SHA-256 of every file as it was copied. A file whose hash still matches is ours and
may be refreshed from a newer release; a file that differs, or that we never copied, is
the learner's and is left alone (and the learner is told so, in one line).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from crosstrain.course.atomic import write_text_atomic
from crosstrain.course.catalog import is_written, on_path
from crosstrain.course.config import notebook_path
from crosstrain.course.syllabus import load_syllabus
from crosstrain.errors import CrosstrainError
from crosstrain.learner.assessment import is_assessment, names_kernel, with_kernel
from crosstrain.paths import COURSE_DIR, MODULES_DIR

MANIFEST = Path(".crosstrain") / "workspace.json"
LOCAL_DEFAULT = Path("workspace")
HOME_DEFAULT = Path.home() / "crosstrain-workspace"


def default_workspace() -> Path:
    """The workspace the current folder lies in (a terminal in Lab starts there), else
    ``./workspace`` if the current folder has one, else ``~/crosstrain-workspace``."""
    inside = find_workspace(Path.cwd())
    if inside is not None:
        return inside
    if (LOCAL_DEFAULT / MANIFEST).is_file():
        return LOCAL_DEFAULT.resolve()
    return HOME_DEFAULT


def find_workspace(start: Path | str = ".") -> Path | None:
    """The workspace holding ``start`` (a module folder inside it, say), or None."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / MANIFEST).is_file():
            return folder
    return None


def module_notebook(workspace: Path, module_id: str) -> Path:
    return Path(workspace) / module_id / f"{module_id}.ipynb"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_manifest(workspace: Path) -> dict:
    path = Path(workspace) / MANIFEST
    if not path.is_file():
        return {"files": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data.get("files"), dict):
            raise ValueError("no files")
        return data
    except (ValueError, AttributeError):
        raise CrosstrainError(f"{path} is damaged: delete it and run crosstrain lab again (your notebooks are kept, none is overwritten)") from None


def write_manifest(workspace: Path, manifest: dict) -> None:
    write_text_atomic(Path(workspace) / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")


@dataclass
class Prepared:
    """What ``prepare`` did, as lines for the learner."""

    workspace: Path
    modules: list[str] = field(default_factory=list)
    assessed: list[str] = field(default_factory=list)  # built in assessment mode: their notebooks name its kernel
    lines: list[str] = field(default_factory=list)


def prepare(workspace: Path | str, path: str = "all", course_root: Path = COURSE_DIR,
            modules_dir: Path = MODULES_DIR, build=None) -> Prepared:
    """Copy the release of every written module on ``path`` into ``workspace``.

    A missing release is built first with ``build`` (the grader's, passed in by the
    command line: learner verbs do not import the grader); without one, a missing release
    is an error saying what to run. Returns one line per notebook that was copied,
    refreshed, or kept because the learner changed it.
    """
    workspace = Path(workspace).expanduser().resolve()
    syllabus = load_syllabus(course_root)
    modules = on_path(syllabus, path)
    if workspace.exists() and not workspace.is_dir():
        raise CrosstrainError(f"{workspace} is a file, not a folder: give --workspace a folder")
    workspace.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(workspace)
    manifest["path"] = path
    report = Prepared(workspace)
    for module in modules:
        release = notebook_path(course_root, "release", module.id)
        if not release.is_file():
            if not is_written(module.id, modules_dir):
                report.lines.append(f"{module.id}: not written yet, skipped")
                continue
            _build(module.id, course_root, modules_dir, build)
        report.modules.append(module.id)
        assessed = is_assessment(release)
        for src in sorted(p for p in release.parent.rglob("*") if p.is_file() and not _hidden(p, release.parent)):
            rel = src.relative_to(release.parent.parent).as_posix()
            data = with_kernel(src.read_bytes()) if assessed and src == release else src.read_bytes()
            line = _sync(data, workspace / rel, rel, manifest["files"])
            if line:
                report.lines.append(line)
        if assessed:
            report.assessed.append(module.id)
            report.lines += _claim(module_notebook(workspace, module.id), module.id)
    manifest["updated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    write_manifest(workspace, manifest)
    return report


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _build(module_id: str, course_root: Path, modules_dir: Path, build) -> None:
    if build is None:
        raise CrosstrainError(f"{module_id} has no release notebook yet: run crosstrain build {module_id}, then try again")
    build([module_id], course_root, modules_dir, progress=False)
    if not notebook_path(course_root, "release", module_id).is_file():
        raise CrosstrainError(f"building {module_id} made no release notebook: run crosstrain build {module_id} and read its output")


def _claim(notebook: Path, module_id: str) -> list[str]:
    """A learner's own notebook of an assessment module is pointed at its kernel too (only that
    metadata changes): it must never run on the install that holds the answers."""
    try:
        if names_kernel(notebook):
            return []
        write_bytes_atomic(notebook, with_kernel(notebook.read_bytes()))
    except ValueError:  # not a notebook any more: Lab cannot run it on any kernel
        return []
    return [f"{module_id}/{module_id}.ipynb: yours, kept, now set to run on the assessment kernel"]


def _sync(data: bytes, dest: Path, rel: str, files: dict) -> str | None:
    """Copy one release file (as ``data``) unless the learner owns the copy; a line saying what happened."""
    new_hash = hashlib.sha256(data).hexdigest()
    copied = files.get(rel, {}).get("sha256")
    if not dest.exists():
        write_bytes_atomic(dest, data)
        files[rel] = {"sha256": new_hash}
        return f"{rel}: copied"
    current = sha256(dest)
    if current == new_hash:
        files[rel] = {"sha256": new_hash}  # identical to the release: ours, whatever the manifest said
        return None
    if copied is not None and current == copied:
        write_bytes_atomic(dest, data)
        files[rel] = {"sha256": new_hash}
        return f"{rel}: updated to the course's newer version (you had not changed it)"
    return f"{rel}: yours (changed since it was copied), kept as it is"


def write_bytes_atomic(dest: Path, data: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    try:
        Path(tmp).write_bytes(data)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
