"""Answer kinds only module 04 needs: a score per lead, a conversion grid by fit and
engagement band, and framework tags per call snippet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crosstrain.notebook.answers.scalars import Count, type_name
from crosstrain.notebook.exercises.lead_scoring.formulas import (
    BANDS,
    FRAMEWORK_TAGS,
    call_snippets,
)


@dataclass(frozen=True)
class LeadScores:
    """A float score per lead, as a Series indexed by lead_id.

    The expected value carries each lead's decayed engagement so a whole-day age (a
    daily scoring job) is accepted: it moves engagement by at most 2.4%, while every
    real mistake (no decay, linear decay, the wrong clock, decayed fit) moves it more.
    """

    rel_tolerance: float = 0.024

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not pd.Series:
            return f"Your answer is {type_name(answer)}, but the question asks for a pandas Series: one score per lead, indexed by lead_id."
        if not pd.api.types.is_numeric_dtype(answer.dtype) or pd.api.types.is_bool_dtype(answer.dtype):
            return "Your Series does not hold numbers: a score is a number of points."
        ids = world.leads.lead_id
        if not answer.index.isin(ids).all():
            return "The index of your Series is not lead ids: index the scores by lead_id (e.g. world.leads.set_index('lead_id'))."
        if answer.index.has_duplicates:
            return "Some leads appear twice in your Series: keep one score per lead (group the touchpoints by lead_id and sum)."
        if len(answer) != len(ids):
            return (f"Your Series scores {len(answer):,} leads, but the CRM has {len(ids):,}: leads without touchpoints "
                    "still have a fit score (their engagement is 0), so keep every lead.")
        if not np.isfinite(answer.to_numpy(dtype=float)).all():
            return "Some scores are missing (NaN): a lead with no touchpoints has 0 engagement points, not NaN (try .fillna(0))."
        return None

    def score(self, answer: Any, expected: pd.DataFrame) -> float:
        if type(answer) is not pd.Series or len(answer) != len(expected) or answer.index.has_duplicates:
            return 0.0
        if not pd.api.types.is_numeric_dtype(answer.dtype) or pd.api.types.is_bool_dtype(answer.dtype):
            return 0.0
        aligned = answer.reindex(expected.index).to_numpy(dtype=float)
        if not np.isfinite(aligned).all():
            return 0.0
        slack = self.rel_tolerance * expected.engagement.to_numpy(dtype=float) + 1e-6
        return float(np.all(np.abs(aligned - expected.score.to_numpy(dtype=float)) <= slack))


@dataclass(frozen=True)
class ScoreCount:
    """A count of leads taken on the learner's scores (q1), so either way the lesson accepts
    to age them counts: the expected value is the pair (count on ages in decimal days, count
    on whole-day ages). A mistake's value is one count."""

    of: str = "leads"

    def sanity(self, answer: Any, world) -> str | None:
        return Count(of=self.of).sanity(answer, world)

    def score(self, answer: Any, expected: Any) -> float:
        accepted = expected if type(expected) is tuple else (expected,)
        return max(Count(of=self.of).score(answer, e) for e in accepted)


@dataclass(frozen=True)
class Grid:
    """A table of rates with given row and column labels; partial credit per row.

    A row counts when all its cells are right: by cell, the many structural zeros of a
    conversion grid would hand a wrong method (transposed, wrong outcome) half the points.
    """

    rows: tuple[str, ...] = BANDS
    columns: tuple[str, ...] = BANDS
    row_name: str = "fit band"
    column_name: str = "engagement band"
    tolerance: float = 1e-6

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not pd.DataFrame:
            return f"Your answer is {type_name(answer)}, but the question asks for a DataFrame: {self.row_name}s as rows, {self.column_name}s as columns."
        rows, cols = [str(r) for r in answer.index], [str(c) for c in answer.columns]
        if set(rows) != set(self.rows) or set(cols) != set(self.columns):
            return (f"Your table's rows are {rows} and its columns {cols}: use the {self.row_name}s "
                    f"{list(self.rows)} as rows and the {self.column_name}s {list(self.columns)} as columns.")
        try:
            values = answer.to_numpy(dtype=float)
        except (TypeError, ValueError):
            return "Your table does not hold numbers: each cell is a conversion rate."
        if np.isnan(values).any():
            return "Some cells are empty (NaN): every band has leads, so every cell has a rate (did you use observed=False?)."
        if (values > 1).any():
            return "Some cells are above 1: a conversion rate is a share between 0 and 1, not a count or a percentage."
        if (values < 0).any():
            return "Some cells are negative: a conversion rate cannot be."
        return None

    def score(self, answer: Any, expected: pd.DataFrame) -> float:
        if type(answer) is not pd.DataFrame:
            return 0.0
        table = answer.copy()
        table.index, table.columns = [str(r) for r in table.index], [str(c) for c in table.columns]
        if table.index.has_duplicates or table.columns.has_duplicates:
            return 0.0
        right_rows = 0
        for r in self.rows:
            right_rows += all(self._cell_right(table, expected, r, c) for c in self.columns)
        return right_rows / len(self.rows)

    def _cell_right(self, table: pd.DataFrame, expected: pd.DataFrame, r: str, c: str) -> bool:
        try:
            value = float(table.at[r, c])
        except (KeyError, TypeError, ValueError):
            return False
        return math.isfinite(value) and abs(value - float(expected.at[r, c])) <= self.tolerance


def _tag_set(value: Any) -> frozenset[str] | None:
    if type(value) is not str:
        return None
    return frozenset(t.strip().lower() for t in value.split(";") if t.strip())


@dataclass(frozen=True)
class Tags:
    """A dict from snippet letter to ';'-separated framework tags; partial credit per snippet.

    Tag order and spaces do not matter; each snippet is right when its set of tags is.
    """

    def sanity(self, answer: Any, world) -> str | None:
        if type(answer) is not dict:
            return f"Your answer is {type_name(answer)}, but the question asks for a dict like {{'A': 'bant.need', ...}}."
        letters = list(call_snippets(world).index)
        missing = [k for k in letters if k not in answer]
        if missing:
            return f"Your dict has no tags for {', '.join(missing)}: give tags for each snippet {', '.join(letters)}."
        not_text = [k for k in letters if type(answer[k]) is not str]
        if not_text:
            return f"The tags of {', '.join(not_text)} are not a text: write them as one string, e.g. 'bant.need;meddpicc.identified_pain'."
        unknown = sorted({t for k in letters for t in _tag_set(answer[k]) if t not in FRAMEWORK_TAGS})
        if unknown:
            return f"{', '.join(map(repr, unknown))} is not a tag of the course: use the names in FRAMEWORK_TAGS, e.g. 'bant.budget' or 'meddpicc.champion'."
        empty = [k for k in letters if not _tag_set(answer[k])]
        if empty:
            return f"Snippet {', '.join(empty)} has no tag: every snippet here evidences at least one element."
        return None

    def score(self, answer: Any, expected: dict) -> float:
        if type(answer) is not dict or not expected:
            return 0.0
        right = sum(1 for k, tags in expected.items() if _tag_set(answer.get(k)) == _tag_set(tags))
        return right / len(expected)
