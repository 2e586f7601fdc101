"""Mutation operators: one small, plausible analyst's slip applied to a solution's syntax tree.

Each operator looks at one node and returns the nodes that could replace it, with a short
description of the change (``"< -> <="``). Names follow mutmut / cosmic-ray in spirit
(``comparison``, ``aggregate``, ``filter``, ``off_by_one``, ``denominator``, ``missing``,
``join``, ``dedupe``); ``mutate(source)`` applies every replacement of every operator, one at a time.
Everything here is pure ``ast``: no pandas, no execution.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

Replacement = tuple[str, ast.AST]

_BOUNDARY = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}
_SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_AGGREGATES = (("mean", "median", "sum"), ("min", "max"), ("idxmin", "idxmax"))
_MASK_METHODS = {"notna", "isna", "notnull", "isnull", "isin", "between", "duplicated", "contains", "eq", "ne", "lt", "le", "gt", "ge"}
_OPPOSITE = {"notna": "isna", "isna": "notna", "notnull": "isnull", "isnull": "notnull"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Cell:
    """What operators may need from the whole cell: the count-like expressions it uses."""

    counts: tuple[ast.expr, ...]


def comparison(node: ast.AST, cell: Cell) -> list[Replacement]:
    """``<`` and ``<=`` (and ``>``/``>=``) swapped, ``==`` and ``!=`` swapped."""
    if not isinstance(node, ast.Compare):
        return []
    found = []
    for i, op in enumerate(node.ops):
        if type(op) in _BOUNDARY:
            new = copy.deepcopy(node)
            new.ops[i] = _BOUNDARY[type(op)]()
            found.append((f"{_SYMBOL[type(op)]} -> {_SYMBOL[_BOUNDARY[type(op)]]}", new))
    return found


def aggregate(node: ast.AST, cell: Cell) -> list[Replacement]:
    """``mean``/``median``/``sum`` (and ``min``/``max``, ``idxmin``/``idxmax``) swapped, as a
    method, a builtin or a string given to ``transform``/``agg``."""
    name = _aggregate_name(node)
    group = next((g for g in _AGGREGATES if name in g), ())
    found = []
    for other in group:
        if other != name:
            new = copy.deepcopy(node)
            if isinstance(new, ast.Constant):
                new.value = other
            elif isinstance(new.func, ast.Attribute):
                new.func.attr = other
            else:
                new.func.id = other
            found.append((f"{name} -> {other}", new))
    return found


def filter_(node: ast.AST, cell: Cell) -> list[Replacement]:
    """A boolean filter dropped or inverted: ``df[mask]``, ``df.loc[mask, col]``,
    ``s.where(mask, x)``, one side of ``a & b``, ``~mask`` and ``notna``/``isna``."""
    found: list[Replacement] = []
    if isinstance(node, ast.Subscript) and _is_mask(_row_part(node.slice)):
        mask = _row_part(node.slice)
        found.append(("filter dropped", _with_rows(node, None)))
        found.append(("filter inverted", _with_rows(node, _invert(mask))))
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "where" and node.args:
        found.append(("where dropped", copy.deepcopy(node.func.value)))
        inverted = copy.deepcopy(node)
        inverted.args[0] = _invert(node.args[0])
        found.append(("where inverted", inverted))
    elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
        found.append(("right condition dropped", copy.deepcopy(node.left)))
        found.append(("left condition dropped", copy.deepcopy(node.right)))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        found.append(("~ dropped", copy.deepcopy(node.operand)))
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _OPPOSITE:
        new = copy.deepcopy(node)
        new.func.attr = _OPPOSITE[node.func.attr]
        found.append((f"{node.func.attr} -> {new.func.attr}", new))
    return found


def off_by_one(node: ast.AST, cell: Cell) -> list[Replacement]:
    """An integer one more or one less; an ISO date one day earlier or later."""
    if not isinstance(node, ast.Constant):
        return []
    value = node.value
    if isinstance(value, int) and not isinstance(value, bool):
        return [(f"{value} -> {value + d}", ast.Constant(value + d)) for d in (1, -1)]
    if isinstance(value, str) and _DATE.match(value):
        day = dt.date.fromisoformat(value)
        return [(f"{value} -> {shifted}", ast.Constant(shifted))
                for shifted in ((day + dt.timedelta(days=d)).isoformat() for d in (1, -1))]
    return []


def denominator(node: ast.AST, cell: Cell) -> list[Replacement]:
    """A division's denominator swapped for another count the cell uses."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)):
        return []
    own = {ast.dump(node.left), ast.dump(node.right)}
    inside = {ast.dump(n) for n in ast.walk(node)}
    found = []
    for other in cell.counts:
        key = ast.dump(other)
        if key in own or key in inside and not isinstance(other, ast.Name):
            continue
        new = copy.deepcopy(node)
        new.right = copy.deepcopy(other)
        found.append((f"/ {ast.unparse(node.right)} -> / {ast.unparse(other)}", new))
    return found


def missing(node: ast.AST, cell: Cell) -> list[Replacement]:
    """Missing values handled otherwise: ``dropna``/``fillna`` removed or swapped,
    ``fill_value=`` removed, ``fillna(0)`` put before a mean or median, ``dropna()``
    inside ``len``."""
    if not isinstance(node, ast.Call):
        return []
    found: list[Replacement] = []
    method = node.func.attr if isinstance(node.func, ast.Attribute) else None
    if method in ("dropna", "fillna"):
        found.append((f"{method} removed", copy.deepcopy(node.func.value)))
        swapped = "fillna(0)" if method == "dropna" else "dropna()"
        found.append((f"{method} -> {swapped}", _method(node.func.value, *swapped[:-1].split("("))))
    if method in ("mean", "median"):
        new = copy.deepcopy(node)
        new.func.value = _method(node.func.value, "fillna", "0")
        found.append((f"fillna(0) before {method}", new))
    if isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1:
        new = copy.deepcopy(node)
        new.args[0] = _method(node.args[0], "dropna", "")
        found.append(("dropna() inside len", new))
    for i, keyword in enumerate(node.keywords):
        if keyword.arg == "fill_value":
            new = copy.deepcopy(node)
            del new.keywords[i]
            found.append(("fill_value removed", new))
    return found


def join(node: ast.AST, cell: Cell) -> list[Replacement]:
    """``merge``/``join`` with inner and left swapped (the default made explicit first)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("merge", "join")):
        return []
    default = "inner" if node.func.attr == "merge" else "left"
    how = next((k for k in node.keywords if k.arg == "how"), None)
    current = how.value.value if how is not None and isinstance(how.value, ast.Constant) else default
    other = {"inner": "left", "left": "inner"}.get(current)
    if other is None:
        return []
    new = copy.deepcopy(node)
    new.keywords = [k for k in new.keywords if k.arg != "how"] + [ast.keyword("how", ast.Constant(other))]
    return [(f"{current} join -> {other} join", new)]


def dedupe(node: ast.AST, cell: Cell) -> list[Replacement]:
    """Counting rows instead of things: ``drop_duplicates`` removed, ``nunique`` -> ``count``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return []
    if node.func.attr == "drop_duplicates":
        return [("drop_duplicates removed", copy.deepcopy(node.func.value))]
    if node.func.attr == "nunique":
        return [("nunique -> count", _method(node.func.value, "count", ""))]
    return []


OPERATORS: dict[str, Callable[[ast.AST, Cell], list[Replacement]]] = {
    "comparison": comparison, "aggregate": aggregate, "filter": filter_, "off_by_one": off_by_one,
    "denominator": denominator, "missing": missing, "join": join, "dedupe": dedupe,
}


@dataclass(frozen=True)
class Mutant:
    """One mutated cell: which operator, what it changed, where, and the new code."""

    operator: str
    change: str
    line: int  # 1-based line of the cell the change is on
    statement: str  # the mutated statement, unparsed
    source: str  # the whole mutated cell


def mutate(source: str, operators: dict = OPERATORS) -> list[Mutant]:
    """Every single-change mutant of ``source``, in a stable order, without duplicates."""
    tree = ast.parse(source)
    counts = list(_counts(tree))
    nodes = list(ast.walk(tree))
    owner = {id(n): i for i, stmt in enumerate(tree.body) for n in ast.walk(stmt)}
    assigned: dict[str, int] = {}  # each name to the first statement of the cell that sets it
    for node in nodes:
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            assigned[node.id] = min(assigned.get(node.id, owner[id(node)]), owner[id(node)])
    # statement k may only use counts whose names exist by then (no forward reference)
    cells = [Cell(tuple(c for c in counts if all(assigned.get(n.id, -1) < k for n in ast.walk(c) if isinstance(n, ast.Name))))
             for k in range(len(tree.body))]
    seen, found = {ast.unparse(tree)}, []
    for index, node in enumerate(nodes):
        for name, operator in operators.items():
            cell = cells[owner[id(node)]] if id(node) in owner else Cell(())
            for change, replacement in operator(node, cell):
                mutated = _replaced(tree, index, replacement)
                code = ast.unparse(mutated)
                if code in seen:
                    continue
                seen.add(code)
                statement = ast.unparse(mutated.body[owner[id(node)]])
                line = getattr(node, "lineno", None) or tree.body[owner[id(node)]].lineno
                found.append(Mutant(name, change, line, statement, code))
    return found


def _replaced(tree: ast.Module, index: int, replacement: ast.AST) -> ast.Module:
    """A copy of ``tree`` with its ``index``-th node (``ast.walk`` order) replaced."""
    twin = copy.deepcopy(tree)
    target = list(ast.walk(twin))[index]
    for parent in ast.walk(twin):
        for field, value in ast.iter_fields(parent):
            if value is target:
                setattr(parent, field, replacement)
            elif isinstance(value, list) and any(v is target for v in value):
                value[[id(v) for v in value].index(id(target))] = replacement
    return ast.fix_missing_locations(twin)


def _counts(tree: ast.Module) -> Iterator[ast.expr]:
    """The count-like expressions of a cell: names it assigns a count to, both sides of its divisions,
    ``len(...)`` and ``.sum()``/``.size()``/``.count()``/``.nunique()`` calls."""
    seen = set()
    for node in ast.walk(tree):
        candidates: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            candidates = [ast.Name(t.id, ast.Load()) for t, v in _pairs(node) if _is_count(v)]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            candidates = [node.left, node.right]
        elif isinstance(node, ast.Call) and (_called(node) in ("sum", "size", "count", "nunique") or
                                              isinstance(node.func, ast.Name) and node.func.id == "len"):
            candidates = [node]
        for candidate in candidates:
            key = ast.dump(candidate)
            if key not in seen and not isinstance(candidate, ast.Constant):
                seen.add(key)
                yield candidate


def _pairs(node: ast.Assign) -> list[tuple[ast.Name, ast.expr]]:
    """(name, value) of ``a = x`` and ``a, b = x, y``."""
    target, value = node.targets[0], node.value
    if isinstance(target, ast.Name):
        return [(target, value)]
    if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
        return [(t, v) for t, v in zip(target.elts, value.elts) if isinstance(t, ast.Name)]
    return []


def _is_count(value: ast.expr) -> bool:
    """Whether an assigned value reads as a number: a count, a sum, a ratio, arithmetic."""
    if isinstance(value, ast.BinOp):
        return True
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("len", "int", "float"):
        return True
    return isinstance(value, ast.Call) and _called(value) in ("sum", "size", "count", "nunique")


def _aggregate_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
        return node.func.id
    if isinstance(node, ast.Constant) and node.value in ("mean", "median", "sum", "min", "max"):
        return node.value
    return None


def _called(node: ast.Call) -> str | None:
    return node.func.attr if isinstance(node.func, ast.Attribute) else None


def _row_part(index: ast.expr) -> ast.expr:
    """The row selector of ``x[rows]`` or ``x.loc[rows, columns]``."""
    return index.elts[0] if isinstance(index, ast.Tuple) and index.elts else index


def _is_mask(node: ast.expr) -> bool:
    """Whether an index expression reads as a boolean mask rather than a column or label."""
    if isinstance(node, (ast.Compare, ast.Name, ast.Attribute)):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        return True
    return isinstance(node, ast.Call) and _called(node) in _MASK_METHODS


def _with_rows(node: ast.Subscript, rows: ast.expr | None) -> ast.expr:
    """``x[rows]`` (or ``x.loc[rows, cols]``) with its rows replaced; None drops the filter."""
    new = copy.deepcopy(node)
    if isinstance(node.slice, ast.Tuple):
        new.slice.elts[0] = rows if rows is not None else ast.Slice()
        return new
    if rows is None:
        value = node.value
        return copy.deepcopy(value.value if isinstance(value, ast.Attribute) and value.attr == "loc" else value)
    new.slice = rows
    return new


def _invert(mask: ast.expr) -> ast.expr:
    if isinstance(mask, ast.UnaryOp) and isinstance(mask.op, ast.Invert):
        return copy.deepcopy(mask.operand)
    return ast.UnaryOp(ast.Invert(), copy.deepcopy(mask))


def _method(receiver: ast.expr, name: str, argument: str) -> ast.Call:
    args = [ast.parse(argument, mode="eval").body] if argument else []
    return ast.Call(ast.Attribute(copy.deepcopy(receiver), name, ast.Load()), args, [])
