"""Give a hand-in back the release's nbgrader metadata when it was stripped or re-tagged.

nbgrader's sanitize step (``OverwriteCells``, ``add_missing_grade_cells``) looks every
tagged cell up in the gradebook: on a grade id it does not know, or an answer cell
re-tagged as a grade cell, it raises (``KeyError``, ``MissingEntry``), and a notebook
whose metadata was stripped loses every answer. So before it runs, the hand-in's cells
are matched to the release's: by grade id where the id is known and its kind unchanged,
else by position and content (``difflib`` over cell type and source, so unchanged locked
and test cells anchor the match and an answer cell is the one found between them). The
release's metadata is put back on matched cells and removed from cells the release does
not have, so the release's cells and points are graded, never the hand-in's own.
"""

from __future__ import annotations

import copy
import difflib

from nbformat import NotebookNode

KIND_KEYS = ("grade", "solution", "locked")


def realign(cells: list[NotebookNode], release: list[NotebookNode]) -> list[str]:
    """Repair the metadata of ``cells`` in place; one line per kind of repair done."""
    wanted = {_grade_id(c): c.metadata.nbgrader for c in release if _grade_id(c)}
    said = _drop_unknown(cells, wanted) + _restore_retagged(cells, wanted)
    present = {_grade_id(c) for c in cells} - {None}
    if wanted.keys() - present:
        said += _restore_stripped(cells, release, present)
    return said


def _grade_id(cell: NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or None


def _drop_unknown(cells: list[NotebookNode], wanted: dict) -> list[str]:
    said = []
    for cell in cells:
        grade_id = _grade_id(cell)
        if grade_id and grade_id not in wanted:
            meta = cell.metadata.pop("nbgrader")
            said.append(f"cell {grade_id} ({_kind(meta)}) is not in the release: graded as an ordinary cell, "
                        "the assignment's max score is unchanged")
    return said


def _restore_retagged(cells: list[NotebookNode], wanted: dict) -> list[str]:
    said = []
    for cell in cells:
        grade_id = _grade_id(cell)
        meta = cell.metadata.get("nbgrader", {})
        if grade_id and any(bool(meta.get(k)) != bool(wanted[grade_id].get(k)) for k in KIND_KEYS):
            cell.metadata.nbgrader = copy.deepcopy(wanted[grade_id])
            said.append(f"cell {grade_id} was re-tagged as {_kind(meta)}: restored as released ({_kind(wanted[grade_id])})")
    return said


def _restore_stripped(cells: list[NotebookNode], release: list[NotebookNode], present: set) -> list[str]:
    """Match cells without metadata to released cells whose grade id is missing."""
    ours = [_key(c, present) for c in cells]
    theirs = [_key(c, present) for c in release]
    restored = []
    matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs = zip(range(i1, i2), range(j1, j2))
        elif tag == "replace":
            missing = [i for i in range(i1, i2) if _grade_id(release[i]) not in present | {None}]
            pairs = _in_order(release, missing, cells, range(j1, j2))
        else:
            continue
        for i, j in pairs:
            grade_id = _grade_id(release[i])
            if grade_id and grade_id not in present and "nbgrader" not in cells[j].get("metadata", {}):
                cells[j].metadata["nbgrader"] = copy.deepcopy(release[i].metadata.nbgrader)
                restored.append(grade_id)
    if not restored:
        return []
    return [f"nbgrader metadata was missing from {len(restored)} cells ({', '.join(restored)}): "
            "matched to the release by position and content and restored"]


def _key(cell: NotebookNode, present: set) -> tuple:
    grade_id = _grade_id(cell)
    if grade_id in present:
        return ("id", grade_id)
    return (cell.get("cell_type"), str(cell.get("source", "")).strip())


def _in_order(release: list, wanted: list[int], cells: list, found: range) -> list[tuple[int, int]]:
    """Pair released cells with hand-in cells of the same type in a stretch that differs, in order."""
    pairs, start = [], found.start
    for i in wanted:
        for j in range(start, found.stop):
            if cells[j].get("cell_type") == release[i].cell_type and "nbgrader" not in cells[j].get("metadata", {}):
                pairs.append((i, j))
                start = j + 1
                break
    return pairs


def _kind(meta: dict) -> str:
    if meta.get("grade"):
        return f"a grade cell worth {meta.get('points', '?')} points"
    if meta.get("solution"):
        return "an answer cell"
    return "a locked cell" if meta.get("locked") else "an ordinary cell"
