"""Read a module's text source: jupytext percent cells with compact markers.

A cell header names what the cell is (full format in ``modules/README.md``)::

    # %% answer q1                 the learner's answer cell; its body is the solution
    # %% tests q1                  autograded tests; lines after `# hidden` are hidden
    # %% [markdown] written reflection points=2    a manually graded written answer
    # %% locked setup              a read-only cell (code or markdown)

Nothing else is allowed in a header's title, so a typo is an error naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jupytext

from crosstrain.errors import CrosstrainError

KINDS = ("answer", "tests", "written", "locked")
HIDDEN_MARKER = "# hidden"
_HEADER = re.compile(r"^# %%(?!%)")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class SourceCell:
    """One cell of a module source, with what its marker says."""

    cell_type: str  # "code" or "markdown"
    source: str
    line: int  # 1-based line of its `# %%` header (0 for a header-less first cell)
    kind: str | None = None  # one of KINDS, or None for a plain cell
    name: str | None = None
    points: float | None = None
    metadata: dict = field(default_factory=dict)


def source_path(modules_dir: Path, module_id: str) -> Path:
    return Path(modules_dir) / module_id / f"{module_id}.py"


def read_source(path: Path) -> list[SourceCell]:
    """The cells of a module source, markers parsed; a bad marker raises naming its line."""
    path = Path(path)
    if not path.is_file():
        raise CrosstrainError(f"module source {path} is missing: create it (see modules/README.md)")
    text = path.read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt="py:percent")
    header_lines = [i + 1 for i, line in enumerate(text.splitlines()) if _HEADER.match(line)]
    lines = [0] * (len(notebook.cells) - len(header_lines)) + header_lines
    return [_parse(cell, line, path) for cell, line in zip(notebook.cells, lines)]


def _parse(cell, line: int, path: Path) -> SourceCell:
    metadata = dict(cell.metadata)
    title = str(metadata.pop("title", "")).split()
    points = metadata.pop("points", None)
    where = f"{path} line {line}"
    if not title:
        if points is not None:
            raise CrosstrainError(f"{where}: points= only goes on a tests or written cell")
        return SourceCell(cell.cell_type, cell.source, line, metadata=metadata)
    kind, *rest = title
    if kind not in KINDS:
        raise CrosstrainError(f"{where}: unknown cell marker '{kind}': use one of {', '.join(KINDS)}")
    if len(rest) > 1 or (kind != "locked" and not rest):
        raise CrosstrainError(f"{where}: write the marker as '{kind} NAME' with one lower-case name, e.g. '{kind} q1'")
    name = rest[0] if rest else None
    if name is not None and not _NAME.match(name):
        raise CrosstrainError(f"{where}: '{name}' is not a valid name: use lower-case letters, digits and _ (e.g. q1)")
    expected_type = {"answer": "code", "tests": "code", "written": "markdown"}.get(kind)
    if expected_type and cell.cell_type != expected_type:
        raise CrosstrainError(f"{where}: a {kind} cell must be a {expected_type} cell")
    if points is not None and (kind not in ("tests", "written") or isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0):
        raise CrosstrainError(f"{where}: points= must be a positive number, on a tests or written cell only")
    if kind == "tests" and HIDDEN_MARKER not in [s.strip() for s in cell.source.splitlines()]:
        raise CrosstrainError(f"{where}: tests {name} has no '{HIDDEN_MARKER}' line: put the hidden tests (ex.{name}.grade(...)) after it")
    return SourceCell(cell.cell_type, cell.source, line, kind, name, points, metadata)
