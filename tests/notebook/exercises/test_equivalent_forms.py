"""What the lesson says is accepted, is accepted: every equivalent form an exercise lists
(``forms_of``: its kind's, then its own ``Exercise.accepts``) earns full marks and reads
"Correct", on two worlds (issue 13).

The forms start from the right answer as the grader computes it, so a form that a
grader's tolerance or shape check rejects fails here, exercise by exercise.
"""

from __future__ import annotations

import pytest

from crosstrain.notebook.answers.by_label import Days
from crosstrain.notebook.answers.forms import forms_of
from crosstrain.notebook.exercises import MODULES, exercises_of
from crosstrain.notebook.exercises.lead_scoring.kinds import LeadScores, ScoreCount

ALL = [(module, name) for module in MODULES for name in exercises_of(module)]
#: Kinds whose expected value is not itself an answer (a pair, a frame of parts): their
#: exercises must list the forms that are, or nothing would prove their right answers.
NOT_AN_ANSWER = (Days, LeadScores, ScoreCount)


@pytest.mark.parametrize(("module", "name"), ALL, ids=[f"{m[:2]}-{n}" for m, n in ALL])
def test_every_accepted_form_earns_full_marks(module, name, default_world, other_seed_world):
    exercise = exercises_of(module)[name]
    for world in (default_world, other_seed_world):
        forms = forms_of(exercise, world)
        if isinstance(exercise.kind, NOT_AN_ANSWER):
            assert exercise.accepts, f"{module} {name}: list the forms of a right answer (accepts=...)"
        for form in forms:
            answer = form.make(exercise.expected(world), world)
            assert exercise.score(answer, world) == 1.0, f"{module} {name}: {form.name} ({answer!r:.80})"
            assert exercise.check(answer, world).correct, f"{module} {name}: {form.name}"


def test_the_known_rejections_are_listed_forms(default_world):
    """Issue 13's rejected right answers: 02 q7 as .median().days and to a decimal, 04 q2 on
    whole-day ages (a different count on the default world)."""
    cycle = exercises_of("02-measuring")["q7"]
    names = {f.name for f in forms_of(cycle, default_world)}
    assert {"Timedelta median's .days (the whole day below)", "decimal days rounded to one decimal"} <= names
    decimal, whole = exercises_of("04-lead-scoring")["q2"].expected(default_world)
    assert decimal != whole  # the two ways to age really differ here, so both forms matter
