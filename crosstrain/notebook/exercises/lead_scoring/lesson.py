"""What module 04's notebook imports: the framework tags and the call snippets q5 asks to
tag (without their tags). Nothing here returns a graded answer (``tests/grading/test_no_shortcuts.py``)."""

from __future__ import annotations

import pandas as pd

from crosstrain.notebook.exercises.lead_scoring import formulas as _formulas

FRAMEWORK_TAGS = _formulas.FRAMEWORK_TAGS

__all__ = ["FRAMEWORK_TAGS", "call_snippets"]


def call_snippets(world) -> pd.DataFrame:
    """The call-note snippets q5 asks to tag, indexed by letter, without their tags."""
    return _formulas.call_snippets(world)
