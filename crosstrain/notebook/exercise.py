"""An exercise: one question with its own proof, learntools style.

The object knows how to recompute its expected value from whatever world the learner
loaded (so any seed grades correctly), its sanity checks, its typical mistakes, a hint
and a solution. ``score`` is pure and deterministic: the batch grader calls it out of
the learner's kernel on the decoded answer (see ``crosstrain.notebook.capture``).
"""

from __future__ import annotations

import copy
import warnings
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from crosstrain.notebook.capture import UnsafeAnswer, as_plain
from crosstrain.notebook.parts import parts_off, parts_sentence

#: The most an answer that is not fully right can earn, as a share of the points: an
#: answer with a wrong part is a wrong answer, so every mistake loses at least half.
PARTIAL_CAP = 0.5


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: how to compute it from the world and what to tell the learner.

    ``core`` marks the mistake the exercise exists to teach (one per exercise): an answer
    that is exactly it earns nothing, not even partial credit for its other parts.
    """

    name: str
    compute: Callable[[Any], Any]
    message: str
    core: bool = False


@dataclass(frozen=True)
class Feedback:
    """What ``check`` found: whether the answer is right and a message for a new hire.

    ``answered`` is False while the answer is still the release's blank ``____``.
    """

    correct: bool
    message: str
    answered: bool = True

    @property
    def label(self) -> str:
        if self.correct:
            return "Correct"
        return "Not yet" if self.answered else "Not answered yet"

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass(frozen=True)
class Exercise:
    """One autograded question of a module.

    ``name`` is also the nbgrader grade id of its test cell; ``variable`` is the name the
    learner stores the answer in; ``kind`` is an answer kind from ``answers``; ``accepts``:
    the equivalent forms its lesson allows beyond those of its kind (``answers.forms``).
    """

    module: str
    name: str
    variable: str
    question: str
    kind: Any
    compute: Callable[[Any], Any]
    hint_text: str
    solution_text: str | None = None
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)
    points: float = 1
    praise: str = "that is what the data says."
    accepts: tuple[Any, ...] = ()  # answers.forms.Form

    def expected(self, world) -> Any:
        """The right answer for this world, recomputed from its tables."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _plain(computed(world, self.compute))

    def __post_init__(self) -> None:
        cores = [m.name for m in self.mistakes if m.core]
        if len(cores) > 1:
            raise ValueError(f"{self.module} {self.name} marks {len(cores)} core mistakes ({', '.join(cores)}): mark one")

    @property
    def core_mistake(self) -> Mistake | None:
        """The mistake this exercise exists to teach, if one is marked."""
        return next((m for m in self.mistakes if m.core), None)

    def score(self, answer: Any, world) -> float:
        """Share of the points earned: 1 when right, 0 for the exercise's core mistake,
        else the share of parts right scaled into [0, ``PARTIAL_CAP``] (so three parts of
        four right earn 3/8 of the points).

        The answer is first reduced to plain data exactly as ``capture`` hands it in, so
        the kernel and the out-of-kernel grader score the same thing, and an object that
        cannot travel as plain data (say, one whose ``__eq__`` always says yes) earns 0.
        """
        share = self.share_right(answer, world)
        if share >= 1:
            return 1.0
        core = self.core_mistake
        if share > 0 and core is not None and self._is(answer, core, world):
            return 0.0
        return PARTIAL_CAP * share

    def share_right(self, answer: Any, world) -> float:
        """The answer kind's own measure of how much is right, in [0, 1] (parts right)."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                answer = as_plain(answer)
            except UnsafeAnswer:
                return 0.0
            value = float(self.kind.score(answer, self.expected(world)))
        return min(1.0, max(0.0, value))

    def check(self, answer: Any, world) -> Feedback:
        """Sanity checks first, then right or wrong, naming a known mistake if it is one."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                answer = as_plain(answer)
            except UnsafeAnswer as exc:
                return Feedback(False, str(exc))
            problem = self.kind.sanity(answer, world)
            score = 0.0 if problem else self.share_right(answer, world)
            if score >= 1:
                return Feedback(True, self.praise)
            # a recognised mistake says the most, even when the answer is also out of range
            recognised = self._recognised(answer, world)
            if recognised:
                return Feedback(False, _messages(recognised))
            if problem:
                return Feedback(False, problem)
        if score > 0:
            off = parts_off(self.kind, answer, self.expected(world))
            if off:  # the parts named are the ones to look at again
                return Feedback(False, f"{parts_sentence(self.kind, *off)}. Look at those again, or call .hint() if you are stuck.")
            return Feedback(False, f"part of your answer is right ({score:.0%}); look again at the rest. Call .hint() if you are stuck.")
        return Feedback(False, "that is not what the data gives. Re-read the question, or call .hint().")

    def _recognised(self, answer: Any, world) -> list[Mistake]:
        """Every known mistake this answer is exactly: on some worlds two give one value."""
        return [mistake for mistake in self.mistakes if self._is(answer, mistake, world)]

    def _is(self, answer: Any, mistake: Mistake, world) -> bool:
        """Whether the (plain) answer is exactly this mistake's value on this world."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return self.kind.score(as_plain(answer), _plain(computed(world, mistake.compute))) >= 1
            except Exception:  # noqa: BLE001 - an answer of another shape is simply not this mistake
                return False

    def hint(self) -> str:
        return self.hint_text

    def solution(self) -> str:
        return self.solution_text or "No written solution for this one: ask your trainer."


def _messages(mistakes: list[Mistake]) -> str:
    """One mistake's message, or every possibility when several give the learner's value."""
    if len(mistakes) == 1:
        return mistakes[0].message
    told = "; or ".join(m.message.rstrip(".") for m in mistakes)
    return f"on this data {len(mistakes)} different mistakes give your value, so it is one of these: {told}."


#: world -> {compute function: its value}: an exercise's expected value and its mistakes'
#: values are worked out once per loaded world, not at every check, score and hint.
_COMPUTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def computed(world, compute: Callable[[Any], Any]) -> Any:
    """``compute(world)``, remembered for this world object (a copy each time, so a caller
    that edits what it got never changes what the next one gets).

    The first value wins: a kernel that later edits its world's tables is still graded
    against the data it loaded. Objects that cannot be weakly referenced (hand-made test
    worlds) are computed every time.
    """
    try:
        values = _COMPUTED.setdefault(world, {})
    except TypeError:
        return compute(world)
    if compute not in values:
        values[compute] = compute(world)
    value = values[compute]
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)  # copy-on-write: an edit never reaches the remembered one
    return copy.copy(value)


def _plain(value: Any) -> Any:
    """numpy scalars to Python ones, so expected values compare with decoded answers."""
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    return value
