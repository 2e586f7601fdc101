"""Hand-ins for the batch grader's tests: a built course of module 00 and learners' files.

``Kit`` is what a fixture under ``tests/fixtures/submissions/`` gets to make its hand-in;
``hand_in_all`` writes a folder of hand-ins from fixture files (or kinds) per learner.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import nbformat
import yaml
from once import once

from crosstrain.grading.cohort import answered, released
from crosstrain.paths import COURSE_DIR

MODULE = "00-orientation"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "submissions"


@contextmanager
def tiny_world():
    """Kernels and re-check load the small world (CROSSTRAIN_WORLD is passed to kernels)."""
    saved = os.environ.get("CROSSTRAIN_WORLD")
    os.environ["CROSSTRAIN_WORLD"] = "tiny"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("CROSSTRAIN_WORLD", None)
        else:
            os.environ["CROSSTRAIN_WORLD"] = saved


def build_course(root: Path) -> Path:
    """A scratch course with module 00 built (source, release, gradebook)."""
    from crosstrain.grading.build import build

    course = Path(root) / "course"
    course.mkdir(parents=True)
    for name in ("nbgrader_config.py", "syllabus.yml"):
        shutil.copy(COURSE_DIR / name, course / name)
    build([MODULE], course_root=course, progress=False, world=False)
    return course


def assessment_course(root: Path, module: str) -> Path:
    """A scratch course whose syllabus puts ``module`` in assessment mode, built on the tiny world."""
    from crosstrain.grading.build import build

    course = Path(root) / "course"
    course.mkdir()
    shutil.copy(COURSE_DIR / "nbgrader_config.py", course)
    syllabus = yaml.safe_load((COURSE_DIR / "syllabus.yml").read_text(encoding="utf-8"))
    for entry in syllabus["modules"]:
        if entry["id"] == module:
            entry["mode"] = "assessment"
    (course / "syllabus.yml").write_text(yaml.safe_dump(syllabus, sort_keys=False), encoding="utf-8")
    with tiny_world():
        build([module], course_root=course, progress=False, world=False)
    return course


def fresh_course(dest: Path) -> Path:
    """A copy of module 00's course, built once per test run, so each test has its own gradebook."""
    built = once("course-00", build_course) / "course"
    return Path(shutil.copytree(built, Path(dest) / "course"))


class Kit:
    name = f"{MODULE}.ipynb"

    def __init__(self, course: Path):
        self._solved = answered(course, MODULE, 1.0)
        self._blank = released(course, MODULE)

    def solved(self):
        return copy.deepcopy(self._solved)

    def blank(self):
        return copy.deepcopy(self._blank)

    @staticmethod
    def cell(nb, grade_id: str):
        return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)

    def answer(self, nb, exercise: str, code: str) -> None:
        self.cell(nb, f"{exercise}_answer").source = code


def load_fixture(name: str):
    spec = importlib.util.spec_from_file_location(f"handin_{name}", FIXTURES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fixture_names() -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob("*.py"))


class Link:
    """A symbolic link to ``target``, a path relative to the folder of hand-ins."""

    def __init__(self, target: str):
        self.target = target


def write_hand_in(dest: Path, learner: str, files: dict) -> None:
    """Write one learner's files: a folder ``dest/<learner>/``, or ``dest/<learner>.zip``.

    The key ``"<folder>"`` with a ``Link`` makes the learner's folder itself a link."""
    for name, content in files.items():
        path = Path(dest) / f"{learner}.zip" if name == "<zip>" else Path(dest) / learner / name
        path = Path(dest) / learner if name == "<folder>" else path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            path.symlink_to(Path(dest).resolve() / content.target)
        elif isinstance(content, nbformat.NotebookNode):
            nbformat.write(content, path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def seen_in_kernel(tmp_path: Path, code: str) -> dict:
    """Grade one hand-in answering with ``code`` in a fresh course, in the sandbox; return
    the JSON it printed after ``SEEN=`` (what a learner's code could see from its kernel)."""
    from crosstrain.grading.grade import grade
    from crosstrain.grading.sandbox import Limits

    course = fresh_course(tmp_path)
    kit = Kit(course)
    nb = kit.blank()
    kit.answer(nb, "q1", code)
    hand_ins = tmp_path / "hand-ins"
    write_hand_in(hand_ins, "walker", {kit.name: nb})
    with tiny_world():
        grade(MODULE, hand_ins, course_root=course, workers=1, progress=False,
              limits=Limits(timeout=120, cell_timeout=90))
    autograded = course / "autograded" / "walker" / MODULE / f"{MODULE}.ipynb"
    nb = json.loads(autograded.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            text = "".join(out.get("text", ""))
            if "SEEN=" in text:
                return json.loads(text.split("SEEN=", 1)[1].splitlines()[0])
    raise AssertionError("the walking hand-in printed nothing: it did not run")
