"""What the formgrader shows a trainer about hand-ins the batch grader had to flag.

The formgrader counts every submission in the gradebook but lists a submitted notebook
only when its autograded file exists: a learner whose file could not be read was
counted and never shown, nor was the reason. A stand-in takes the autograded file's
place with one markdown cell saying why and what to do. A flagged hand-in that was
graded gets the reasons as a note at the top of its autograded notebook (the learner's
feedback leaves the note out). Either way the submission carries the formgrader's flag.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook
from nbgrader.api import Gradebook, MissingEntry

from crosstrain.course.atomic import write_text_atomic

#: Marks the stand-in's cell, so tools can tell it from a learner's notebook.
MARK = "crosstrain_ungradeable"
#: Marks the note for the trainer atop a flagged notebook (never in the learner's feedback).
NOTE = "crosstrain_trainer_note"


def placeholder(assignment: str, notebook: str, reasons: list[str]) -> nbformat.NotebookNode:
    lines = "\n".join(f"- {reason}" for reason in reasons) or "- no readable notebook arrived"
    # the learner is not named: the formgrader may be hiding names for blind grading
    text = (f"## Not graded: this {notebook}.ipynb could not be graded\n\n{lines}\n\n"
            f"It scores zero until a readable notebook is graded: ask the learner to hand in "
            f"`{notebook}.ipynb` again, then run `crosstrain grade {assignment}` again.")
    nb = new_notebook(cells=[new_markdown_cell(text, metadata={MARK: True})])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def write_placeholder(path: Path, assignment: str, notebook: str, reasons: list[str]) -> Path:
    write_text_atomic(Path(path), nbformat.writes(placeholder(assignment, notebook, reasons)))
    return Path(path)


def with_trainer_note(nb: nbformat.NotebookNode, reasons: list[str]) -> nbformat.NotebookNode:
    """``nb`` with one note for the trainer first: why the hand-in is flagged (replaces an older note)."""
    nb.cells = [c for c in nb.cells if not c.get("metadata", {}).get(NOTE)]
    if reasons:
        text = "**Flagged for review by crosstrain grade:**\n\n" + "\n".join(f"- {reason}" for reason in reasons)
        nb.cells.insert(0, new_markdown_cell(text, metadata={NOTE: True}))
    return nb


def without_trainer_note(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.cells = [c for c in nb.cells if not c.get("metadata", {}).get(NOTE)]
    return nb


def is_placeholder(nb) -> bool:
    return any(cell.get("metadata", {}).get(MARK) for cell in nb.get("cells", []))


def flag_submission(db_url: str, assignment: str, learner: str) -> None:
    """Raise the formgrader's flag on each of the learner's notebooks (a human's flag stays)."""
    with Gradebook(db_url) as gb:
        try:
            submission = gb.find_submission(assignment, learner)
        except MissingEntry:
            return
        for notebook in submission.notebooks:
            notebook.flagged = True
        gb.db.commit()
