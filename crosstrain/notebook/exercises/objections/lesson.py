"""What module 05's notebook imports: the buyer's words of a note, the keyword rule the
lesson builds, the price objection and the replies of the role-play. Nothing here returns
a graded answer (``tests/grading/test_no_shortcuts.py``)."""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.objections import formulas as _formulas

PRICE_OBJECTION = _formulas.PRICE_OBJECTION
REPLIES = _formulas.REPLIES

__all__ = ["PRICE_OBJECTION", "REPLIES", "buyer_words", "classify_objection"]


def buyer_words(text: pd.Series) -> pd.Series:
    """What the buyer said in each objection note."""
    return _formulas.buyer_words(text)


def classify_objection(words: str) -> str | None:
    """The category of the first keyword rule that the buyer's words match (None if none)."""
    return _formulas.classify_objection(words)
