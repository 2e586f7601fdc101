"""What a notebook's first cell calls: ``world, ex = start("00-orientation")``.

``ex.q1.check(answer)`` self-checks, ``ex.q1.hint()`` and ``ex.q1.solution()`` help, and
``ex.q1.grade(answer)`` is the autograded test cells' entry point (the contract in
``crosstrain.notebook.capture``). The world comes from ``CROSSTRAIN_WORLD`` (a preset name
or folder; default: the course's default world) unless given, with ``CROSSTRAIN_SEED``
or the workspace's seat choosing a team's or learner's own seed in a variant workshop
(``crosstrain.course.variants``).
"""

from __future__ import annotations

import os
import warnings
from typing import Any

from crosstrain.notebook.capture import ANSWER_MIME, UnsafeAnswer, decode, make_payload
from crosstrain.notebook.exercise import Exercise, Feedback
from crosstrain.notebook.placeholder import is_placeholder, waiting_message
from crosstrain.notebook.spec import HANDED_IN, ExerciseSpec
from crosstrain.notebook.verdict import Card, show

WORLD_ENV = "CROSSTRAIN_WORLD"


def world_preset() -> str:
    """The world notebooks load: ``$CROSSTRAIN_WORLD`` or the course's default."""
    return os.environ.get(WORLD_ENV) or "default"


def start(module_id: str, world: Any = None):
    """Load the world and the module's exercises: ``world, ex = start("00-orientation")``."""
    from crosstrain.notebook.exercises import exercises_of
    from crosstrain.world.load import World, load_world

    if not isinstance(world, World):
        from crosstrain.course.variants import kernel_world

        preset, seed, label = kernel_world()
        world = load_world(world or preset or "default", seed=seed, progress=False)
        if label:
            print(f"Your data: {label} (seed {world.seed}). Others may have other numbers: compare methods, not answers.")
    exercises = exercises_of(module_id)
    from crosstrain.notebook.friendly import explain_undefined

    explain_undefined({exercise.variable: exercise.name for exercise in exercises.values()})
    from crosstrain.notebook.numbers import readable_numbers

    readable_numbers()
    return world, ExerciseSet(module_id, exercises, world)


class ExerciseSet:
    """The module's exercises as attributes (``ex.q1``), each bound to the loaded world."""

    def __init__(self, module_id: str, exercises: dict[str, Exercise | ExerciseSpec], world):
        self.module = module_id
        self._bound = {name: BoundExercise(exercise, world) for name, exercise in exercises.items()}

    def __getattr__(self, name: str) -> BoundExercise:
        try:
            return self.__dict__["_bound"][name]
        except KeyError:
            raise AttributeError(f"module {self.__dict__.get('module')} has no exercise '{name}': its exercises are {', '.join(self.__dict__.get('_bound', {}))}") from None

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._bound))

    def __repr__(self) -> str:
        return f"<exercises of {self.module}: {', '.join(self._bound)}>"


class BoundExercise:
    """One exercise (or, in an assessment learner's kernel, its spec) and the world loaded."""

    def __init__(self, exercise: Exercise | ExerciseSpec, world):
        self.exercise = exercise
        self.world = world

    def check(self, answer: Any) -> None:
        """Show whether the answer is right, in words a new hire understands (a release's blank
        ``____`` is "not answered yet", before any check of the exercise runs)."""
        if is_placeholder(answer):
            feedback = Feedback(False, waiting_message(self.exercise.variable), answered=False)
        else:
            feedback = self.exercise.check(answer, self.world)
        show(Card(self.exercise.name, feedback.label, feedback.message))

    def hint(self) -> None:
        show(Card(self.exercise.name, "Hint", self.exercise.hint()))

    def solution(self) -> None:
        text = self.exercise.solution()
        if getattr(self.exercise, "solution_text", None):
            show(Card(self.exercise.name, "Solution", "one way to do it:", code=text))
        else:
            show(Card(self.exercise.name, "Solution", text))

    def answered(self, answer: Any) -> bool:
        """Whether ``answer`` is more than the release's blank; if not, say so in one line.

        A lesson cell that draws the learner's answer starts with ``if ex.q5.answered(win_rate):``,
        so Run All on a blank release runs past it instead of failing.
        """
        if not is_placeholder(answer):
            return True
        show(Card(self.exercise.name, "Waiting for your answer",
                  f"this cell draws your answer `{self.exercise.variable}`: answer {self.exercise.name} above, "
                  f"then run this cell again."))
        return False

    def grade(self, answer: Any) -> float | None:
        """Autograded test cells call this: hand the answer in, then assert it is right.

        Emits one ``ANSWER_MIME`` display output (the plain encoded answer), then raises
        ``AssertionError`` when nothing is earned, returns the partial points when part
        is, and returns None (nbgrader: full marks) when all is right. With only a spec (an
        assessment learner's kernel) it hands the answer in and earns nothing here: only a
        grading kernel, which has the exercise table, can score.
        """
        from IPython.display import display

        exercise = self.exercise
        if is_placeholder(answer):
            raise AssertionError(f"{exercise.name}: not answered yet: {waiting_message(exercise.variable)}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                payload = make_payload(exercise.module, exercise.name, exercise.name, answer,
                                       {"name": self.world.name, "seed": self.world.seed, "variant": self.world.variant})
            except UnsafeAnswer as exc:
                raise AssertionError(f"{exercise.name}: {exc}") from None
            display({ANSWER_MIME: payload, "text/plain": f"[{exercise.name}: answer handed in]"}, raw=True)
            if isinstance(exercise, ExerciseSpec):
                print(f"{exercise.name}: {HANDED_IN}")
                return 0.0
            value = decode(payload["value"])
            score = exercise.score(value, self.world)
            if score <= 0:
                raise AssertionError(f"{exercise.name}: {exercise.check(value, self.world).message}")
        if score < 1:
            return round(score * exercise.points, 6)
        return None

    def __repr__(self) -> str:
        return f"<exercise {self.exercise.module}/{self.exercise.name}: {self.exercise.question}>"
