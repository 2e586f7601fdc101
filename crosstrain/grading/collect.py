"""Bring learners' hand-ins into ``course/submitted/<learner>/<assignment>/``.

``crosstrain grade --from PATH`` accepts three shapes, even mixed in one folder:

- a folder per learner: ``PATH/<learner>/<assignment>.ipynb`` (or ``PATH/<learner>/<assignment>/...``);
- archives as LMS downloads name them for nbgrader's zip_collect: ``PATH/<learner>.zip``
  or ``PATH/<learner>_<anything>.zip`` (the course's ``FileNameCollectorPlugin.named_regexp``,
  when set, decides instead); loose ``<learner>_<anything>.ipynb`` files likewise;
- nbgrader's exchange: ``PATH/inbound/<learner>+<assignment>+<timestamp>/`` (the newest per learner),
  also found under ``PATH/<course_id>/inbound``.

Links are never followed, at any level: a learner folder, an assignment folder, an exchange
entry, a file inside any of them or a zip member that is a link is refused, and each refusal
is reported against its learner (what, why, what to do), as is every zip member that would
unpack outside the hand-in (absolute or ``..`` paths). An archive is unpacked with a bounded
size; a file that is not a zip is reported against its learner and the others carry on.
What is skipped as noise (hidden files, ``__MACOSX``) is written to the grading log.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from crosstrain.course.learners import LEARNER_ID
from crosstrain.errors import CrosstrainError

MAX_UNPACKED = 200 * 1024**2
MAX_MEMBERS = 2000
TIMESTAMP_FILE = "timestamp.txt"

log = logging.getLogger("crosstrain.grade")


@dataclass
class Collected:
    """One learner's hand-in, copied into the course (``folder`` is None if unusable)."""

    learner: str
    origin: Path
    folder: Path | None = None       # where the hand-in is; None once it proved unusable
    timestamp: datetime | None = None
    problems: list[str] = field(default_factory=list)
    digest: str = ""


def collect(source: Path, assignment: str, submitted_root: Path, named_regexp: str = "") -> list[Collected]:
    """Copy every learner's hand-in under ``submitted_root``; one ``Collected`` per learner."""
    source = Path(source)
    if not source.is_dir():
        raise CrosstrainError(f"{source} is not a folder: give --from the folder that holds the learners' submissions")
    inbound = _inbound(source)
    found = _from_exchange(inbound, assignment) if inbound else _from_folder(source, assignment, named_regexp)
    if not found:
        raise CrosstrainError(f"no submissions found in {source}: expected one folder or zip per learner, or nbgrader's exchange")
    for item in found:
        if item.folder is not None:
            _install(item, submitted_root / item.learner / assignment)
    return sorted(found, key=lambda c: c.learner)


# -- the three shapes ---------------------------------------------------------

def _inbound(source: Path) -> Path | None:
    for candidate in [source if source.name == "inbound" else None, source / "inbound", *source.glob("*/inbound")]:
        if candidate is not None and candidate.is_dir():
            return candidate
    return None


def _from_exchange(inbound: Path, assignment: str) -> list[Collected]:
    newest: dict[str, tuple[str, Path]] = {}
    links: dict[str, list[str]] = {}
    for entry in inbound.iterdir():
        parts = entry.name.rsplit("+", 3)
        if len(parts) < 3 or parts[1] != assignment:
            continue
        learner, stamp = parts[0], parts[2]
        if entry.is_symlink():
            links.setdefault(learner, []).append(refused_link(entry, f"the exchange entry {entry.name}", learner))
            continue
        if not entry.is_dir():
            log.info("skipped %s in the exchange: not a folder", entry)
            continue
        if learner not in newest or stamp > newest[learner][0]:
            newest[learner] = (stamp, entry)
    found = []
    for learner in sorted(newest.keys() | links.keys()):
        if learner in newest:
            stamp, entry = newest[learner]
            item = Collected(learner, entry, folder=entry, timestamp=_parse_time(stamp))
        else:
            item = Collected(learner, inbound, folder=None)
        item.problems += links.get(learner, [])
        found.append(_checked_id(item))
    return found


def _from_folder(source: Path, assignment: str, named_regexp: str) -> list[Collected]:
    by_learner: dict[str, Collected] = {}
    for entry in sorted(source.iterdir()):
        if entry.name.startswith("."):
            log.info("skipped the hidden %s in %s", entry.name, source)
            continue
        if entry.is_symlink():
            learner = _learner_of(entry, named_regexp) if entry.suffix.lower() in (".zip", ".ipynb") else entry.name
            item = Collected(learner, entry, folder=None, problems=[refused_link(entry, f"{entry.name} in {source.name}", learner)])
        elif entry.is_dir():
            item = _learner_folder(entry, assignment)
        elif entry.suffix.lower() in (".zip", ".ipynb"):
            item = Collected(_learner_of(entry, named_regexp), entry, folder=entry)
        else:
            log.info("skipped %s in %s: not a folder, zip or notebook", entry.name, source)
            continue
        if item.learner in by_learner:
            by_learner[item.learner].problems.append(f"{entry.name}: a second hand-in for {item.learner}, ignored (keep one per learner)")
            continue
        by_learner[item.learner] = _checked_id(item)
    return list(by_learner.values())


def _learner_folder(entry: Path, assignment: str) -> Collected:
    """``<learner>/`` or ``<learner>/<assignment>/``; an assignment folder that is a link is refused."""
    inner = entry / assignment
    if inner.is_symlink():
        return Collected(entry.name, entry, folder=None, problems=[refused_link(inner, f"{entry.name}/{assignment}", entry.name)])
    return Collected(entry.name, entry, folder=inner if inner.is_dir() else entry)


def refused_link(path: Path, what: str, learner: str) -> str:
    """The trainer's line for a refused link: what it was, where it pointed, what to do."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return (f"{what} is a link (to {target}), not a hand-in: refused, links are never followed; "
            f"ask {learner} to hand in the files themselves")


def _learner_of(path: Path, named_regexp: str) -> str:
    if named_regexp:
        match = re.match(named_regexp, path.name)
        if match and match.groupdict().get("student_id"):
            return match.group("student_id")
    return path.stem.split("_", 1)[0]


def _checked_id(item: Collected) -> Collected:
    if not LEARNER_ID.match(item.learner):
        item.problems.append(f"{item.origin.name}: '{item.learner}' is not a usable learner id (letters, digits, . _ @ -): rename it")
        item.folder = None
    return item


def _parse_time(stamp: str) -> datetime | None:
    try:
        from nbgrader.utils import parse_utc

        return parse_utc(stamp)
    except (ValueError, OverflowError):
        return None


# -- copying in -----------------------------------------------------------------

def _install(item: Collected, dest: Path) -> None:
    """Replace ``dest`` with the learner's files in one rename; set ``item.digest``."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{item.learner}.", dir=dest.parent))
    try:
        if item.origin.is_file() and item.origin.suffix.lower() == ".zip":
            item.problems += _unzip(item.origin, staging, item.learner)
        elif item.origin.is_file():
            _copy_file(item.origin, staging / _notebook_name(item.origin))
        else:
            item.problems += _copy_tree(item.folder, staging, item.learner)
        if item.timestamp is not None:
            stamp = item.timestamp.strftime("%Y-%m-%d %H:%M:%S.%f") + " UTC"  # nbgrader's format, in UTC
            (staging / TIMESTAMP_FILE).write_text(stamp, encoding="utf-8")
        item.digest = digest(staging)
        old = dest.with_name(f".{dest.name}.old")
        if dest.exists():
            shutil.rmtree(old, ignore_errors=True)
            dest.rename(old)
        staging.rename(dest)
        shutil.rmtree(old, ignore_errors=True)
        item.folder = dest
    except _Refused as exc:
        item.problems.append(str(exc))
        item.folder = None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _notebook_name(path: Path) -> str:
    """``alice_00-orientation.ipynb`` becomes ``00-orientation.ipynb``."""
    return path.name.split("_", 1)[1] if "_" in path.name else path.name


class _Refused(Exception):
    """A hand-in we will not unpack or copy, with the reason for the trainer."""


def _unzip(archive: Path, dest: Path, learner: str) -> list[str]:
    """Unpack the safe members; one problem line per member refused."""
    problems = []
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
                raise _Refused(f"{archive.name} unpacks to more than {MAX_UNPACKED // 1024**2} MB or {MAX_MEMBERS} files: ask for the notebook alone")
            unsafe = {m.filename: _unsafe_member(m, archive, learner) for m in members}
            prefix = _common_folder([name for name, why in unsafe.items() if not why])
            for member in members:
                if unsafe[member.filename]:
                    problems.append(unsafe[member.filename])
                    continue
                if "__MACOSX" in member.filename:
                    log.info("skipped %s in %s: macOS metadata", member.filename, archive)
                    continue
                target = dest / member.filename[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise _Refused(f"{archive.name} is not a readable zip file ({type(exc).__name__}): ask {learner} to resubmit") from None
    return problems


def _unsafe_member(member: zipfile.ZipInfo, archive: Path, learner: str) -> str:
    """Why ``member`` is not unpacked, or '' when it is safe."""
    name = member.filename
    if stat.S_ISLNK(member.external_attr >> 16):
        return (f"{archive.name}: {name} is a link inside the zip: not unpacked, links are never followed; "
                f"ask {learner} to zip the file itself")
    if name.startswith("/") or ".." in Path(name).parts or "\\" in name:
        return (f"{archive.name}: {name} would unpack outside the hand-in (absolute or '..' path): not unpacked; "
                f"ask {learner} to zip the notebook from its own folder")
    return ""


def _common_folder(names: list[str]) -> str:
    """The single top folder all members share (stripped when unpacking), or ''."""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and all("/" in name for name in names):
        return f"{tops.pop()}/"
    return ""


def _copy_tree(src: Path, dest: Path, learner: str) -> list[str]:
    """Copy the regular files under ``src``; one problem line per link or special file refused."""
    if src.is_symlink():  # swapped for a link since it was found
        return [refused_link(src, src.name, learner)]
    problems, total = [], 0
    for root, dirs, files in os.walk(src):
        for name in sorted(dirs + files):
            path = Path(root) / name
            shown = str(path.relative_to(src))
            if name.startswith("."):
                log.info("skipped the hidden %s in %s's hand-in", shown, learner)
                continue
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                problems.append(refused_link(path, f"{shown} in {learner}'s hand-in", learner))
            elif stat.S_ISREG(mode):
                total += path.lstat().st_size
                if total > MAX_UNPACKED:
                    raise _Refused(f"{src.name} holds more than {MAX_UNPACKED // 1024**2} MB: ask for the notebook alone")
                _copy_file(path, dest / shown)
            elif not stat.S_ISDIR(mode):
                problems.append(f"{shown} in {learner}'s hand-in is not a regular file: refused; ask {learner} to hand in the notebook itself")
        dirs[:] = [d for d in dirs if not d.startswith(".") and stat.S_ISDIR((Path(root) / d).lstat().st_mode)]
    return problems


def _copy_file(path: Path, target: Path) -> None:
    """Copy one file without following a link put in its place since it was looked at."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _Refused(f"{path.name} could not be read ({exc.strerror}): it may be a link; ask for the notebook itself") from None
    with os.fdopen(fd, "rb") as src, open(target, "wb") as out:
        if not stat.S_ISREG(os.fstat(src.fileno()).st_mode):
            raise _Refused(f"{path.name} is not a regular file: ask for the notebook itself")
        shutil.copyfileobj(src, out)
    shutil.copystat(path, target, follow_symlinks=False)


def digest(folder: Path) -> str:
    """A hash of every file's path and content: equal digests mean an unchanged hand-in."""
    h = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()
