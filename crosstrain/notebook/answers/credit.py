"""An answer that splits credit (revenue, a share) between channels, as attribution models do."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from crosstrain.notebook.answers.by_label import as_dict
from crosstrain.notebook.answers.scalars import type_name


@dataclass(frozen=True)
class Credit:
    """Won revenue credited per channel (a Series or a dict). A channel left out counts as
    0, so a groupby that only lists channels with credit is fine. Partial credit: the share
    of channels right, out of those with credit in the answer or the expected value."""

    of: str = "channel"
    rel_tolerance: float = 1e-6
    abs_tolerance: float = 0.01  # a cent

    def sanity(self, answer: Any, world) -> str | None:
        answer = as_dict(answer)
        if type(answer) is not dict:
            return f"Your answer is {type_name(answer)}, but the question asks for a Series (or dict) of won revenue per {self.of}."
        if any(type(k) is not str for k in answer):
            return f"The labels of your answer are not {self.of} names: keep the {self.of} as the index (a groupby on it does that)."
        for key, value in answer.items():
            if type(value) not in (int, float) or not math.isfinite(value):
                return f"The credit for {key!r} is {value!r}, not a finite number: did a deal's shares divide by zero?"
            if value < -self.abs_tolerance:
                return f"The credit for {key!r} is negative: credit is a share of won revenue and cannot be."
        return None

    def _close(self, a: Any, b: Any) -> bool:
        return type(a) in (int, float) and math.isfinite(a) and math.isclose(a, b, rel_tol=self.rel_tolerance, abs_tol=self.abs_tolerance)

    def score(self, answer: Any, expected: Any) -> float:
        answer = as_dict(answer)
        if type(answer) is not dict or type(expected) is not dict:
            return 0.0
        keys = {k for k, v in expected.items() if abs(v) > self.abs_tolerance}
        keys |= {k for k, v in answer.items() if not self._close(v, 0.0)}
        if not keys:
            return 1.0
        return sum(1 for k in keys if self._close(answer.get(k, 0.0), expected.get(k, 0.0))) / len(keys)
