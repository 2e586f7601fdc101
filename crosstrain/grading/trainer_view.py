"""What the formgrader shows a trainer about hand-ins the batch grader had to flag.

The formgrader counts every submission in the gradebook but lists a submitted notebook
only when its autograded file exists: a learner whose file could not be read was
counted and never shown, nor was the reason. A stand-in takes the autograded file's
place with one markdown cell saying why and what to do. A flagged hand-in that was
graded gets the reasons as a note at the top of its autograded notebook (the learner's
feedback leaves the note out). Either way the submission carries the formgrader's flag.

Each written answer the trainer grades by hand is followed, in the autograded notebook
only, by its rubric (``graders/<module>/rubrics/<grade_id>.md``) folded in a ``<details>``
block: one click from the answer in the formgrader and in Lab. The release never had it
and the learner's feedback leaves it out.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_markdown_cell, new_notebook
from nbgrader.api import Gradebook, MissingEntry
from traitlets import Bool

from crosstrain.course.atomic import write_text_atomic

#: Marks the stand-in's cell, so tools can tell it from a learner's notebook.
MARK = "crosstrain_ungradeable"
#: Marks the note for the trainer atop a flagged notebook (never in the learner's feedback).
NOTE = "crosstrain_trainer_note"
#: Marks a written answer's rubric, for the trainer only like the note.
RUBRIC = "crosstrain_rubric"


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
    """``nb`` without anything meant for the trainer alone: the note and the rubrics."""
    nb.cells = [c for c in nb.cells if not _for_trainer(c)]
    return nb


class ClearTrainerView(Preprocessor):
    """For nbgrader's own feedback (``nbgrader generate_feedback``, the formgrader's button):
    the learner's page leaves out the note and the rubrics, as ``crosstrain grade``'s does."""

    enabled = Bool(True)  # nbconvert's preprocessors are off unless told otherwise

    def preprocess(self, nb, resources):
        return without_trainer_note(nb), resources


def with_rubrics(nb: nbformat.NotebookNode, rubrics: Path) -> nbformat.NotebookNode:
    """``nb`` with each hand-graded written answer followed by its rubric from ``rubrics/``, if there is one."""
    cells = []
    for cell in nb.cells:
        if cell.get("metadata", {}).get(RUBRIC):
            continue  # an older copy: the one below replaces it
        cells.append(cell)
        meta = cell.get("metadata", {}).get("nbgrader", {})
        path = Path(rubrics) / f"{meta.get('grade_id')}.md"
        if cell.cell_type == "markdown" and meta.get("solution") and meta.get("grade") and path.is_file():
            cells.append(new_markdown_cell(rubric_text(path), metadata={RUBRIC: True}))
    nb.cells = cells
    return nb


def rubric_text(path: Path) -> str:
    # blank lines around the body: markdown inside an HTML block renders only so
    return (f"<details><summary><b>Rubric for {path.stem}</b> (trainers only; click to open)</summary>\n\n"
            f"{path.read_text(encoding='utf-8').strip()}\n\n"
            f"<i>from graders/{path.parent.parent.name}/rubrics/{path.name}</i>\n\n</details>")


def _for_trainer(cell) -> bool:
    meta = cell.get("metadata", {})
    return bool(meta.get(NOTE) or meta.get(RUBRIC))


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
