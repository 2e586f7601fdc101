"""What module 02's notebook (and 07's) imports: the gross margin the lesson assumes.
Nothing here returns a graded answer (``tests/grading/test_no_shortcuts.py``)."""

from __future__ import annotations

from crosstrain.notebook.exercises.measuring.formulas import GROSS_MARGIN

__all__ = ["GROSS_MARGIN"]
