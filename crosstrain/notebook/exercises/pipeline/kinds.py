"""The answer kind only module 06 needs: the pipeline coverage a team needs (above 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crosstrain.notebook.answers.scalars import Amount


@dataclass(frozen=True)
class CoverageNeeded(Amount):
    """A coverage ratio the team needs: more than 1 whenever some deals are lost."""

    of: str = "the coverage needed"

    def sanity(self, answer: Any, world) -> str | None:
        if problem := super().sanity(answer, world):
            return problem
        if answer < 1:
            return (f"A coverage needed of {answer:.3g}x would mean less open pipeline than quota is enough, which only "
                    "a team that wins more than it sells could do. Did you multiply by the win rate instead of dividing by it?")
        return None
