"""The proof every module's exercises owe, written once.

A module's test file says how its answer cells run (``ModuleProof``) and takes the standard
tests with ``globals().update(PROOF.tests())``: the reference answers score full on several
worlds, every known-wrong answer loses points with a specific message that keeps the answer
secret, every exercise has known-wrong answers, a hint and a written solution, every named
mistake (``Mistake``) has a known-wrong file of the same name, each exercise's one core
mistake (marked in the table and its file) earns 0, the written solutions score
full, and the expected values follow the world's data.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from functools import cached_property

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from crosstrain.course.sources import read_source, source_path
from crosstrain.grading.graders import wrong_answers
from crosstrain.grading.proof import (
    answer_of,
    isolated,
    lesson_before_answers,
    reveals,
    run_solution,
)
from crosstrain.notebook.capture import as_plain
from crosstrain.notebook.exercise import computed
from crosstrain.notebook.exercises import exercises_of
from crosstrain.notebook.session import ExerciseSet
from crosstrain.paths import MODULES_DIR

WORLDS = ("default_world", "tiny_world", "other_seed_world")  # fixture names (tests/conftest.py, ./conftest.py)
GENERIC = ("not what the data gives", "part of your answer")  # the fallbacks a known mistake must not get


class ModuleProof:
    """How a module's answer cells run, and what is particular to its standard tests.

    - ``setup(world)``: the names the notebook's locked setup cell defines besides ``world``.
    - ``lesson``: answer cells use what lesson cells computed, so the notebook replays up to
      them; ``skip`` leaves out cells that cannot run here (widgets).
    - ``builds_on``: exercise -> earlier exercises whose written solutions run before its own
      (they define variables it uses).
    - ``written_in_notebook``: the written solutions use lesson variables too.
    - ``reference``: "notebook" (its answer cells) or "written" (``solution_text``: where the
      answer cells need the lesson but the module is not replayed).
    - ``varying``: the exercises whose expected value must follow the data (default: all).
    - ``wrong_loses_on``: more worlds where every known-wrong answer must lose points.
    - ``secret``: options of ``reveals`` (a number messages may state, labels to keep secret).
    """

    def __init__(self, module: str, setup: Callable[..., dict] = lambda world: {}, *, lesson: bool = False,
                 skip: Callable | None = None, builds_on: Mapping[str, Sequence[str]] | None = None,
                 written_in_notebook: bool = False, reference: str = "notebook", varying: Collection[str] | None = None,
                 wrong_loses_on: Sequence[str] = (), secret: Mapping | None = None):
        assert reference in ("notebook", "written"), reference
        self.module, self.setup, self.lesson, self.skip = module, setup, lesson, skip
        self.builds_on, self.written_in_notebook, self.reference = dict(builds_on or {}), written_in_notebook, reference
        self.varying, self.wrong_loses_on, self.secret = varying, tuple(wrong_loses_on), dict(secret or {})
        self._namespaces: dict = {}  # (world's name, seed, variant, lesson) -> exercise -> what is defined before its answer

    @cached_property
    def exercises(self):
        return exercises_of(self.module)

    @cached_property
    def wrong(self):
        return wrong_answers(self.module)

    @cached_property
    def cells(self):
        return read_source(source_path(MODULES_DIR, self.module))

    def answer(self, world, name: str, code: str | None = None):
        """What the answer cell of ``name`` stores on ``world``, ``code`` in its place if given."""
        if code is None:
            code = next(c.source for c in self.cells if c.kind == "answer" and c.name == name)
        try:
            return answer_of(code, self.exercises[name], world, self._before(world, name, lesson=self.lesson))
        finally:
            plt.close("all")

    def written(self, world, name: str):
        """What the written solution of ``name`` stores: after the setup and ``builds_on`` alone, as
        learners may paste it, unless it needs the lesson."""
        exercise = self.exercises[name]
        if self.written_in_notebook:
            return self.answer(world, name, exercise.solution_text)
        return answer_of(exercise.solution_text, exercise, world, self._before(world, name, lesson=False))

    def reference_answer(self, world, name: str):
        return self.written(world, name) if self.reference == "written" else self.answer(world, name)

    def _before(self, world, name: str, lesson: bool) -> dict:
        """What is defined when the answer of ``name`` runs: worked out once per world, a copy each time."""
        # keyed by what makes a world, not its folder: an in-memory world has none
        key = (world.name, world.seed, world.variant, lesson)
        if key not in self._namespaces:
            if lesson:
                # the setup cell's ``ex`` too: lesson cells that draw an answer ask ``ex.qN.answered``
                context = {**self.setup(world), "ex": ExerciseSet(self.module, self.exercises, world)}
                found = lesson_before_answers(self.cells, world, context, self.skip)
            else:
                found = {n: self._setup_and_earlier(world, n) for n in self.exercises}
            self._namespaces[key] = found
        return isolated(self._namespaces[key][name])

    def _setup_and_earlier(self, world, name: str) -> dict:
        namespace = {**self.setup(world), "world": world}
        for earlier in self.builds_on.get(name, ()):
            exec(compile(self.exercises[earlier].solution_text, f"<solution {self.module}/{earlier}>", "exec"), namespace)
        return namespace

    def tests(self) -> dict[str, Callable]:
        """The standard test functions, by name, for the module's test file to hold."""
        proof, names = self, list(self.exercises)

        @pytest.mark.parametrize("name", names)
        def test_reference_solution_scores_full_on_every_world(name, request):
            exercise = proof.exercises[name]
            for world in map(request.getfixturevalue, WORLDS):
                answer = proof.reference_answer(world, name)
                assert exercise.score(answer, world) == 1.0, (name, world.name)
                assert exercise.check(answer, world).correct, (name, world.name)

        @pytest.mark.parametrize("wrong", proof.wrong, ids=lambda w: f"{w.exercise}-{w.mistake}")
        def test_known_wrong_answer_loses_points_with_a_message_that_keeps_the_answer_secret(wrong, request):
            exercise, world = proof.exercises[wrong.exercise], request.getfixturevalue("default_world")
            answer = proof.answer(world, wrong.exercise, wrong.code)
            feedback = exercise.check(answer, world)
            assert not feedback.correct
            assert exercise.score(answer, world) < 1.0
            assert feedback.message and not any(g in feedback.message for g in GENERIC), \
                f"a known mistake deserves a specific message: {feedback.message}"
            assert not reveals(feedback.message, exercise.expected(world), **proof.secret), feedback.message
            named = next((m for m in exercise.mistakes if m.name == wrong.mistake), None)
            if named is not None:  # the learner reads that mistake's message, and its twins' (same value)
                plain = as_plain(answer)
                matched = [m for m in exercise.mistakes if exercise.kind.score(plain, computed(world, m.compute)) >= 1]
                told = [m.message.rstrip(".") for m in matched] if named in matched else [exercise.kind.sanity(plain, world)]
                assert all(t in feedback.message for t in told), f"{wrong.mistake} is not recognised: {feedback.message}"
            if wrong.core:  # the mistake the exercise exists to teach earns nothing
                assert named is not None and named.core, f"{wrong.mistake} says '# core: yes' but is not the table's core mistake"
                assert exercise.score(answer, world) == 0.0, wrong.mistake
            for other in map(request.getfixturevalue, proof.wrong_loses_on):
                assert exercise.score(proof.answer(other, wrong.exercise, wrong.code), other) < 1.0, other.name

        def test_every_exercise_has_two_known_wrong_answers_a_hint_and_a_solution():
            for name, exercise in proof.exercises.items():
                assert sum(w.exercise == name for w in proof.wrong) >= 2, name
                assert exercise.hint() and exercise.solution_text, name

        def test_every_exercise_marks_one_core_mistake_with_a_core_wrong_file():
            for name, exercise in proof.exercises.items():
                cores = [m.name for m in exercise.mistakes if m.core]
                files = [w.mistake for w in proof.wrong if w.exercise == name and w.core]
                assert len(cores) == 1 and files == cores, (name, cores, files)

        def test_every_named_mistake_has_a_known_wrong_file():
            for name, exercise in proof.exercises.items():
                files = {w.mistake for w in proof.wrong if w.exercise == name}
                missing = sorted({m.name for m in exercise.mistakes} - files)
                assert not missing, f"add graders/{proof.module}/wrong/{name}/<mistake>.py for {missing}"

        def test_expected_values_are_recomputed_from_the_world(request):
            default = request.getfixturevalue("default_world")
            others = [request.getfixturevalue(w) for w in WORLDS[1:]]
            for name in proof.varying if proof.varying is not None else names:
                exercise = proof.exercises[name]
                here = exercise.expected(default)
                for world in others:
                    assert not _same(here, exercise.expected(world)), (name, world.name)
                assert _same(exercise.expected(default), here), name  # asked again, the same answer

        found = {f.__name__: f for f in (test_reference_solution_scores_full_on_every_world,
                                         test_known_wrong_answer_loses_points_with_a_message_that_keeps_the_answer_secret,
                                         test_every_exercise_has_two_known_wrong_answers_a_hint_and_a_solution,
                                         test_every_exercise_marks_one_core_mistake_with_a_core_wrong_file,
                                         test_every_named_mistake_has_a_known_wrong_file,
                                         test_expected_values_are_recomputed_from_the_world)}
        if self.reference == "notebook":  # else the reference test already ran the written solutions

            @pytest.mark.parametrize("name", names)
            def test_the_written_solution_scores_full(name, default_world):
                exercise = proof.exercises[name]
                answer = proof.written(default_world, name)
                assert exercise.score(answer, default_world) == 1.0
                assert exercise.check(answer, default_world).correct

            found[test_the_written_solution_scores_full.__name__] = test_the_written_solution_scores_full
        return found


def _same(a, b) -> bool:
    if isinstance(a, (pd.DataFrame, pd.Series)) or isinstance(b, (pd.DataFrame, pd.Series)):
        return type(a) is type(b) and a.equals(b)
    return bool(a == b)


def check_solution_notebook(module: str, workdir, plots: int) -> None:
    """The solution notebook runs in a fresh kernel: every graded cell says Correct, nothing
    goes to stderr, and it draws ``plots`` figures. Its time: benchmarks/bench_course.py."""
    notebook, _ = run_solution(module, workdir)
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    assert len(graded) == len(exercises_of(module))
    for cell in graded:
        assert not [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"], cell.source
        # check() shows a card: rich output whose plain text is what the grader's logs read
        shown = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        assert "Correct" in shown, cell.source
    found = [o for c in notebook.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(found) == plots
