"""The answer kind only module 09 needs: a rate per group where an empty group has no rate.

A small world can have no customer with a signal whose renewal has come; pandas gives that
group's rate as NaN, which is the honest answer ("no customers, no rate"), so a NaN for a
group the data leaves empty is dropped before grading instead of being called a mistake.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from crosstrain.notebook.answers.by_label import ByLabel, as_dict


def _without_empty(answer: Any, labels: list[str]) -> Any:
    answer = as_dict(answer)
    if type(answer) is not dict:
        return answer
    return {k: v for k, v in answer.items()
            if k in labels or not (type(v) is float and math.isnan(v))}


@dataclass(frozen=True)
class GroupRates(ByLabel):
    """A share per group (``labels``: the groups the data fills); NaN for an empty group is fine."""

    def sanity(self, answer: Any, world) -> str | None:
        return super().sanity(_without_empty(answer, list(self.labels(world))), world)

    def score(self, answer: Any, expected: Any) -> float:
        return super().score(_without_empty(answer, list(expected) if type(expected) is dict else []), expected)
