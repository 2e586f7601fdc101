"""Sentence templates filled for many rows at once, in Arrow's kernels.

A call-note world has tens of thousands of notes (a large one, a few hundred thousand):
formatting each sentence in a Python loop would take seconds. Each template is split once
into literal text and slot names; filling gathers the literals and picks each slot's value
per row with ``choose``, then joins the parts element-wise.
"""

from __future__ import annotations

import re
import string

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from crosstrain.world.columns import MEMORY_POOL


class Grammar:
    """Templates (``str.format`` style), filled row by row from per-row slot values."""

    def __init__(self, templates):
        self.templates = list(templates)
        parsed = [[(literal, name) for literal, name, _, _ in string.Formatter().parse(t)] for t in self.templates]
        width = max(len(parts) for parts in parsed)
        self.slots = sorted({name for parts in parsed for _, name in parts if name})
        self._literals = [pa.array([p[j][0] if j < len(p) else "" for p in parsed], pa.string()) for j in range(width)]
        self._codes = [pa.array([1 + self.slots.index(p[j][1]) if j < len(p) and p[j][1] else 0 for p in parsed], pa.int8())
                       for j in range(width)]

    def fill(self, ids: np.ndarray, values: dict[str, pa.Array]) -> pa.Array:
        """Template ``ids[i]`` filled with row i of each slot's values; null where ``ids`` is -1."""
        ids = np.asarray(ids)
        valid = ids >= 0
        take = pa.array(np.where(valid, ids, 0))
        choices = [pa.repeat("", len(ids))] + [values[name] for name in self.slots]
        parts = []
        for literals, codes in zip(self._literals, self._codes):
            parts.append(literals.take(take))
            parts.append(pc.choose(codes.take(take), *choices, memory_pool=MEMORY_POOL))
        text = pc.binary_join_element_wise(*parts, "", memory_pool=MEMORY_POOL)
        return pc.if_else(pa.array(valid), text, pa.scalar(None, pa.string()))


_SWAP = {"we": "you", "our": "your", "us": "you", "i": "you", "my": "your", "me": "you", "you": "we", "your": "our",
         "i'm": "you're", "i'll": "you'll", "i'd": "you'd", "i've": "you've", "we're": "you're", "we'd": "you'd",
         "we've": "you've", "you're": "we're", "you'll": "we'll", "you've": "we've"}
_WORD = re.compile(r"(?<![{\w'])[A-Za-z']+(?![\w}])")


def playback(sentence: str) -> str:
    """The buyer's sentence as the rep plays it back: pronouns turned round, no end mark
    ("We already use {competitor}." -> "you already use {competitor}")."""
    swapped = _WORD.sub(lambda m: _SWAP.get(m.group().lower(), m.group()), sentence.rstrip(".?!"))
    return swapped if swapped[:1] == "{" or swapped.split(" ", 1)[0] in ("CFO", "IT") else swapped[:1].lower() + swapped[1:]
