"""What module 02's notebook (and 07's) imports: the gross margin the lesson assumes.
Nothing here returns a graded answer (``tests/grading/test_no_shortcuts.py``), and nothing
here imports the module's formulas, so an assessment's learner install holds it as it is.
"""

from __future__ import annotations

GROSS_MARGIN = 0.80  # assumed gross margin of the software we sell: ROI counts gross profit, not revenue

__all__ = ["GROSS_MARGIN"]
