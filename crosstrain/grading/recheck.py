"""Re-score every autograded cell out of the learner's kernel, and never trust more.

nbgrader's verdict comes from inside the kernel, which the submission controls: it can
rebind the helpers the tests call, return objects whose ``__eq__`` always says yes,
patch builtins, swallow errors with ``get_ipython()``, or act differently when graded.
Each test cell also hands the answer out as plain data (``crosstrain.notebook.capture``);
here it is decoded and scored by the exercise itself, in the grader's own process, on
the world the course grades with. Where nbgrader gave more than that, the gradebook
gets the trusted score as a manual score and the submission is flagged with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from nbformat import NotebookNode
from nbgrader import utils as nbutils

from crosstrain.errors import CrosstrainError
from crosstrain.notebook.capture import decode, payloads

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Adjustment:
    """An autograded cell whose nbgrader score was more than the trusted one."""

    grade_id: str
    nbgrader: float
    trusted: float
    reason: str


def describe(changes: list[Adjustment]) -> list[str]:
    """One line per reason: 're-check lowered q1 (1 -> 0), q2 (1 -> 0): <reason>'."""
    by_reason: dict[str, list[Adjustment]] = {}
    for change in changes:
        by_reason.setdefault(change.reason, []).append(change)
    return [
        "re-check lowered " + ", ".join(f"{c.grade_id} ({c.nbgrader:g} -> {c.trusted:g})" for c in group) + f": {reason}"
        for reason, group in by_reason.items()
    ]


class Rechecker:
    """Scores captured answers of one assignment against the world each learner was given."""

    def __init__(self, module: str):
        from crosstrain.notebook.exercises import exercises_of

        self.module = module
        self.exercises = exercises_of(module)  # CrosstrainError if the module has none

    @property
    def world(self):
        """The course's shared world (``CROSSTRAIN_WORLD`` or the default)."""
        from crosstrain.notebook.session import world_preset

        return course_world(world_preset())

    def trusted(self, nb: NotebookNode, grade_id: str, max_score: float, found: dict, world=None) -> tuple[float, str]:
        """The points this cell earns by the out-of-kernel score on ``world``, and why if not all."""
        world = world if world is not None else self.world
        payload = found.get(grade_id)
        if payload is None:
            return 0.0, "the test cell handed in no answer"
        if payload["module"] != self.module or payload["exercise"] != grade_id or grade_id not in self.exercises:
            return 0.0, f"the answer claims to be {payload['module']}/{payload['exercise']}"
        if payload["world"] != world_id(world):
            return 0.0, f"the answer was computed on world {_show(payload['world'])}, not the learner's {_show(world_id(world))}"
        try:
            value = decode(payload["value"])
        except ValueError as exc:
            return 0.0, f"the answer could not be decoded ({exc})"
        try:
            share = self.exercises[grade_id].score(value, world)
        except Exception as exc:  # noqa: BLE001 - a strange value must not stop the batch
            return 0.0, f"the answer could not be scored ({type(exc).__name__})"
        return round(share * max_score, 6), "the answer is not right"

    def adjustments(self, nb: NotebookNode, nbgrader_scores: dict[str, float | None], world=None) -> list[Adjustment]:
        """Cells where nbgrader's ``auto_score`` exceeds the trusted score on ``world``."""
        found = payloads(nb)
        out = []
        for cell in nb.cells:
            if cell["cell_type"] != "code" or not nbutils.is_grade(cell) or nbutils.is_solution(cell):
                continue
            meta = cell["metadata"]["nbgrader"]
            given = nbgrader_scores.get(meta["grade_id"])
            if not given:
                continue
            trusted, reason = self.trusted(nb, meta["grade_id"], float(meta["points"]), found, world)
            if given > trusted + TOLERANCE:
                out.append(Adjustment(meta["grade_id"], float(given), trusted, reason))
        return out


def world_id(world) -> dict:
    """How an answer payload names the world it was computed on."""
    return {"name": world.name, "seed": world.seed, "variant": world.variant}


def _show(world: dict) -> str:
    return f"{world.get('name')}/seed {world.get('seed')}/{world.get('variant')}"


@lru_cache(maxsize=4)
def course_world(preset: str, seed: int | None = None):
    """The world a learner's kernel loads for ``preset`` and ``seed`` (None: the preset's own)."""
    from crosstrain.world.load import load_world

    return load_world(preset, seed=seed, progress=False)


def rechecker_for(module: str) -> Rechecker | None:
    """A rechecker, or None when the assignment has no registered exercises."""
    try:
        return Rechecker(module)
    except CrosstrainError:
        return None
