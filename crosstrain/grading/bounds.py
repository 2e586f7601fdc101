"""How much of a hand-in the grader accepts: bloated notebooks are cut before anything runs.

A notebook saved with 20,000 cells and 50 MB of outputs once cost 22 s, 250 MB of grader
memory and a 6.2 MB feedback page. Saved outputs are never graded (running the notebook
makes them again), so they are dropped as soon as the file is parsed; cells beyond a
multiple of the release's count are cut, keeping every cell the release tagged and the
learner's own cells in order up to the limit. What remains must fit ``MAX_KEPT``.
"""

from __future__ import annotations

import json

MAX_NOTEBOOK = 50 * 1024**2       # a bigger file is refused before it is parsed
MAX_KEPT = 5 * 1024**2            # what is left once saved outputs are dropped
CELLS_PER_RELEASED_CELL = 5       # a hand-in may hold this many times the release's cells...
MIN_CELL_LIMIT = 100              # ...or this many, whichever is more
FLAG_OUTPUTS_ABOVE = 1024**2      # saved outputs this large are worth a line to the trainer


def cell_limit(released_cells: int) -> int:
    return max(MIN_CELL_LIMIT, CELLS_PER_RELEASED_CELL * released_cells)


def bound(raw: dict, name: str, size: int, release: list, flags: list[str]) -> str:
    """Cut ``raw`` (a parsed notebook) to bounds in place, flagging each cut; a refusal or ''.

    Cells of the ``release`` (the last one with each grade id, any with a released text)
    are always kept; the learner's own fill what room is left, in order."""
    cells = raw.get("cells") if isinstance(raw, dict) else None
    if not isinstance(cells, list):
        return ""  # not a notebook: validation says so
    _drop_outputs(cells)
    released_cells = len(release)
    limit = cell_limit(released_cells)
    if len(cells) > limit:
        raw["cells"] = _cut(cells, limit, release)
        flags.append(f"{name} has {len(cells):,} cells, more than the {limit} accepted ({CELLS_PER_RELEASED_CELL} times "
                     f"the release's {released_cells}): the last {len(cells) - len(raw['cells']):,} added cells were cut "
                     "before grading")
    kept = len(json.dumps(raw))
    if kept > MAX_KEPT:
        return (f"{name} holds {kept / 1024**2:.1f} MB of code and text, over the {MAX_KEPT // 1024**2} MB limit: "
                "scored zero, ask for the notebook without pasted data")
    if size - kept > FLAG_OUTPUTS_ABOVE:
        flags.append(f"{name} was saved with {(size - kept) / 1024**2:.1f} MB of outputs: dropped before grading "
                     "(running the notebook makes them again)")
    return ""


def _drop_outputs(cells: list) -> None:
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None


def _cut(cells: list, limit: int, release: list) -> list:
    """The release's cells, and the learner's own in order while the limit allows."""
    ids = {_grade_id(c) for c in release} - {None}
    texts = {_text(c) for c in release}
    last: dict[str, int] = {}
    keep = set()
    for index, cell in enumerate(cells):
        grade_id = _grade_id(cell)
        if grade_id in ids:
            last[grade_id] = index
        elif _text(cell) in texts:  # once: copies of a released cell are the learner's own
            keep.add(index)
            texts.discard(_text(cell))
    keep |= set(last.values())
    room = limit - len(keep)
    for index in range(len(cells)):
        if room <= 0:
            break
        if index not in keep:
            keep.add(index)
            room -= 1
    return [cell for index, cell in enumerate(cells) if index in keep]


def _text(cell) -> tuple:
    if not isinstance(cell, dict):
        return ()
    source = cell.get("source", "")
    return (cell.get("cell_type"), "".join(source) if isinstance(source, list) else str(source))


def _grade_id(cell) -> str | None:
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
    return nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
