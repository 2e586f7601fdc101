"""Which world each learner's kernel loads while grading, and making sure it exists.

With one shared world every kernel loads ``CROSSTRAIN_WORLD`` (or the default). With a
data assignment (``crosstrain.course.variants``: a world per team or per learner) each
learner's kernel gets their own preset and seed in its environment, and the re-check
scores their answers on that same world: a copied answer computed on someone else's data
earns nothing. Worlds are generated here, before any kernel starts, because kernels run
walled in and must not write them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from crosstrain.course.variants import SEED_ENV, WORLD_ENV, Assignment, load_assignment


@dataclass(frozen=True)
class LearnerWorld:
    """The world one learner is graded on."""

    preset: str
    seed: int | None                  # None: the preset's own seed
    problem: str = ""                 # why the learner is on the shared world against the plan

    def env(self) -> dict[str, str]:
        """What the kernel's environment must say, overriding anything inherited."""
        out = {WORLD_ENV: self.preset}
        if self.seed is not None:
            out[SEED_ENV] = str(self.seed)
        return out

    @property
    def key(self) -> str:
        """Part of the re-run check: a learner moved to another world is graded again."""
        return f"{self.preset}/{self.seed}"


class GradingWorlds:
    """Resolves each learner's world from the course's data assignment (if any)."""

    def __init__(self, course_root: Path, shared_preset: str):
        self.assignment: Assignment | None = load_assignment(course_root)
        self.shared_preset = shared_preset

    def of(self, learner: str) -> LearnerWorld:
        if self.assignment is None:
            return LearnerWorld(self.shared_preset, None)
        seed = self.assignment.seed_for(learner)
        if seed is None:
            return LearnerWorld(self.assignment.world, None,
                                f"not on the workshop roster, so graded on the shared {self.assignment.world} world, "
                                f"not a team's: add them to the roster and grade again with --force")
        return LearnerWorld(self.assignment.world, seed)

    def describe(self) -> str:
        if self.assignment is None:
            return f"one shared world ({self.shared_preset})"
        return f"a world {self.assignment.variant} ({self.assignment.world}, from course/data-variants.json)"

    def prepare(self, learners: list[str], progress: bool = True) -> list[Path]:
        """Generate (once) every world these learners are graded on; their folders."""
        from crosstrain.grading.recheck import course_world

        wanted = sorted({(w.preset, w.seed) for w in map(self.of, learners)}, key=str)
        bar = tqdm(wanted, desc="worlds", unit="world", disable=not progress or len(wanted) < 2, leave=False)
        return [course_world(preset, seed).path for preset, seed in bar]
