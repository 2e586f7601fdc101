"""Assessment mode: nothing a learner's kernel can reach yields a graded value.

Module 03 is built in assessment mode into a scratch course; a learner's kernel is
started as an assessment learner gets one (the sandbox, with the learner's install
``course/learner-lib`` in place of the package), and the curious learner of
``tests/fixtures/curious_learner.py`` tries everything from inside it. Every value it
got is scored, outside, against every exercise: none may earn full marks. The same
release, graded by ``crosstrain validate``, still gives the solution full marks and the
blank release zero (the known-wrong answers are proven on the default world, by
``crosstrain validate`` itself: the tiny world here makes some of them coincide).
"""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

import nbformat
import pytest
from handins import assessment_course
from handins import tiny_world as tiny_env

from crosstrain.grading.learner_lib import PACKAGE, library_of
from crosstrain.grading.runner import Job, Runner
from crosstrain.grading.sandbox import Limits, isolation
from crosstrain.notebook.capture import decode, encode
from crosstrain.notebook.exercises import exercises_of
from crosstrain.notebook.spec import NO_SOLUTION, ONLY_SHAPE
from crosstrain.paths import generated_dir

pytestmark = [pytest.mark.kernel]  # needs root, as in CI: the kernel gets its own root

MODULE = "03-funnel-handoff"
PROBE = Path(__file__).resolve().parents[1] / "fixtures" / "curious_learner.py"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A scratch course whose syllabus puts module 03 in assessment mode, built."""
    return assessment_course(tmp_path_factory.mktemp("assessment"), MODULE)


def _learner_kernel_sees(course: Path) -> dict:
    setup = f"from crosstrain.notebook import start\nworld, ex = start({MODULE!r})"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(setup),
                                         nbformat.v4.new_code_cell(PROBE.read_text(encoding="utf-8"))])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    # the course's sources and gradebook are hidden; only its learner-lib is shown
    iso = isolation([course / "source", course / "release"], needed=[generated_dir()], library=library_of(course))
    assert iso.namespace, "the leak test needs a kernel with its own root (run as root on Linux)"
    limits = Limits(timeout=400, cell_timeout=380, output=8 * 1024**2)
    with tiny_env(), Runner(workers=1, limits=limits, isolation=iso, warm=False) as runner:
        runner.submit(Job(1, "curious", f"{MODULE}.ipynb", nb, {}))
        outcome = runner.get(timeout=420)
    for cell in outcome.nb.cells:
        for out in cell.get("outputs", []):
            if "SEEN=" in out.get("text", ""):
                encoded = out["text"].split("SEEN=", 1)[1].split()[0]
                return json.loads(zlib.decompress(base64.b64decode(encoded)))
    outputs = [out for cell in outcome.nb.cells for out in cell.get("outputs", [])]
    raise AssertionError(f"the curious learner printed nothing: {outcome.problems} {outputs} {outcome.kernel_log}")


def _candidates(values: list):
    """Every value the kernel got, and each part of it (a dict's values, a list's items)."""
    for label, text in values:
        value = decode(json.loads(text))
        yield label, value
        parts = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for part in parts:
            yield f"a part of {label}", part


def _leaks(values: list, exercises: dict, world) -> list[str]:
    found = []
    for label, value in _candidates(values):
        for exercise in exercises.values():
            try:
                right = exercise.share_right(value, world) >= 1
            except Exception:  # noqa: BLE001 - a value of another shape is not this answer
                right = False
            if right:
                found.append(f"{label} answers {exercise.name}")
    return found


def _answer_line(exercise) -> str:
    """The solution's line that assigns the answer (the rest may be a lesson's worked example)."""
    return next(line for line in exercise.solution_text.splitlines() if line.startswith(f"{exercise.variable} ="))


def test_no_graded_value_is_obtainable_from_an_assessment_kernel(course, tiny_world):
    seen = _learner_kernel_sees(course)
    exercises = exercises_of(MODULE)

    assert seen["package_paths"] == [str(library_of(course).resolve() / "crosstrain")]
    assert len(seen["imported"]) > 30 and seen["called"] > 200 and len(seen["files"]) > 30  # it really tried
    hidden = ("crosstrain.grading", "crosstrain.cli", "crosstrain.notebook.exercises.funnel_handoff.table",
              "crosstrain.notebook.exercises.funnel_handoff.formulas")
    assert {n: seen["failed"].get(n) for n in hidden} == dict.fromkeys(hidden, "ModuleNotFoundError")
    assert not any(Path(p).is_relative_to(PACKAGE) for p in seen["files"])
    assert _leaks(seen["values"], exercises, tiny_world) == []
    control = [[f"{e.name}'s own", json.dumps(encode({"nested": e.expected(tiny_world)}))] for e in exercises.values()]
    answerable = [e for e in exercises.values() if e.share_right(e.expected(tiny_world), tiny_world) >= 1]
    assert len(answerable) >= 5 and len(_leaks(control, exercises, tiny_world)) >= len(answerable)  # it finds a leak
    texts = "\n".join(seen["texts"] + seen["solutions"])
    for exercise in exercises.values():
        assert _answer_line(exercise) not in texts, f"{exercise.name}'s solution is readable"
        assert {"expected", "compute", "mistakes", "solution_text", "score"}.isdisjoint(seen["exercise_attrs"][exercise.name])
    assert all(NO_SOLUTION in text and ONLY_SHAPE in text for text in seen["solutions"])


def test_the_assessment_release_holds_no_solution_and_grades_as_before(course):
    from crosstrain.grading.validate import validate

    release = (course / "release" / MODULE / f"{MODULE}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in release
    assert all(_answer_line(e) not in release for e in exercises_of(MODULE).values())
    assert "funnel_simulator" not in release
    assert not (library_of(course) / "crosstrain" / "grading").exists()
    with tiny_env():
        (report,) = validate([MODULE], course_root=course, progress=False)
    rows = [row for row in report.rows if row.autograded]
    assert len(rows) == len(exercises_of(MODULE))
    assert [(row.name, row.solution, row.blank) for row in rows] == [(row.name, row.points, 0.0) for row in rows]
