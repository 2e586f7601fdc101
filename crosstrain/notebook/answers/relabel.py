"""An answer that maps each raw spelling of a value to its canonical label (data hygiene)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crosstrain.notebook.answers.scalars import type_name


@dataclass(frozen=True)
class Relabel:
    """A dict from each raw spelling to its canonical label; partial credit per spelling.

    ``keys_of(world)`` names the spellings asked for; extra keys that map a canonical
    label to itself are harmless, other extra keys count against the answer.
    """

    keys_of: Callable[[Any], tuple[str, ...]]
    choices_of: Callable[[Any], set[str]]
    of: str = "channel"

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not dict:
            return f"Your answer is {type_name(answer)}, but the question asks for a dict like {{'raw spelling': 'canonical {self.of}'}}."
        keys = self.keys_of(world)
        missing = [k for k in keys if k not in answer]
        if missing:
            return f"Your dict has no entry for {len(missing)} of the {len(keys)} misspelt values, e.g. {missing[0]!r}: map every spelling that is not a canonical {self.of}."
        choices = self.choices_of(world)
        odd = sorted({repr(v) for v in answer.values() if v not in choices})
        if odd:
            return f"{', '.join(odd[:3])} is not a canonical {self.of}: map each spelling to one of the names the campaigns table (or 'outbound') uses."
        return None

    def score(self, answer: Any, expected: Any) -> float:
        if type(answer) is not dict or type(expected) is not dict or not expected:
            return 0.0
        right = sum(1 for k, v in expected.items() if type(answer.get(k)) is str and answer[k] == v)
        extra = sum(1 for k, v in answer.items() if k not in expected and k != v)
        return right / (len(expected) + extra)
