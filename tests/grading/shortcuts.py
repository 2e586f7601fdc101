"""What a learner who takes shortcuts can try, without writing the exercise's own code.

Per exercise: every public function of the crosstrain modules the notebook has imported
before its answer cell (called with no argument, with the world, with each table or frame
at hand, and with the module's own string constants as a second argument), every public
module-level constant of those modules and of every module a learner's install holds
(an answer written out, importable as it is), and each table's obvious one-liners (a column's ``value_counts``, its mean, sum, number of distinct
values, and the means of numeric columns by each categorical one). ``test_no_shortcuts``
scores every candidate and wants none to earn a point.
"""

from __future__ import annotations

import ast
import inspect
import warnings
from collections.abc import Iterator
from importlib import import_module
from typing import Any

import pandas as pd

MAX_LABELS = 300  # a column with more distinct values is an id or a timestamp: no answer is keyed by it
MAX_STRINGS = 40  # string constants tried as a helper's second argument
MAX_ROWS = 50_000  # no answer is longer (04 q1 scores every lead: 40,000 on the default world)
MAX_FRAME_ROWS = 1_000  # no answer is a larger table: bigger frames are inputs, tried through their one-liners


def imports_before_answers(cells) -> dict[str, list[str]]:
    """The crosstrain modules imported before each answer cell, by exercise name (notebook order)."""
    imported: list[str] = []
    before: dict[str, list[str]] = {}
    for cell in cells:
        if cell.cell_type != "code":
            continue
        if cell.kind == "answer":
            before[cell.name] = list(imported)
        for node in ast.walk(ast.parse(cell.source)):
            names = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in getattr(node, "names", [])] if isinstance(node, ast.Import) else []
            imported += [n for n in names if n and n.startswith("crosstrain") and n not in imported]
    return before


def public_functions(module_name: str) -> dict[str, Any]:
    """Every public function a module offers, re-exported crosstrain ones included."""
    module = import_module(module_name)
    return {f"{module_name}.{name}": value for name, value in vars(module).items()
            if not name.startswith("_") and inspect.isfunction(value) and value.__module__.startswith("crosstrain")}


def public_constants(module_name: str) -> Iterator[tuple[str, Any]]:
    """Every public value a module holds at its top level that is no function, class or module,
    and each item of a dict one: a learner can import it and hand it in."""
    for name, value in vars(import_module(module_name)).items():
        if name.startswith("_") or callable(value) or inspect.ismodule(value):
            continue
        label = f"{module_name}.{name}"
        if could_be_an_answer(value):
            yield label, value
        if isinstance(value, dict):
            yield from ((f"{label}[{key!r}]", item) for key, item in value.items() if not callable(item))


def string_constants(module_name: str) -> list[str]:
    """The strings a module defines at its top level (model names, roles, stages...)."""
    found: list[str] = []
    for name, value in vars(import_module(module_name)).items():
        if name.startswith("_"):
            continue
        items = [value] if isinstance(value, str) else list(value) if isinstance(value, (tuple, list, dict, set, frozenset)) else []
        found += [v for v in items if isinstance(v, str) and v not in found]
    return found[:MAX_STRINGS]


def _required(function) -> list[str]:
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in parameters if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _call(function, *args) -> Any:
    import matplotlib.pyplot as plt

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return function(*args)
        except Exception:  # noqa: BLE001 - a call that fails hands the learner nothing
            return None
        finally:
            plt.close("all")


class Scan:
    """The helper results for a notebook's growing imports, each helper run once.

    A notebook only ever imports more before each answer cell, so what a learner can call at
    an exercise is what they could at the one before, plus the modules imported since:
    ``upto`` runs only those (on the frames the earlier helpers left), which gives what a
    fresh ``helper_results`` of all the modules would, in the same order."""

    def __init__(self, world):
        self.world = world
        self.frames: dict[str, pd.DataFrame] = dict(world.tables)
        self.modules: list[str] = []
        self.results: list[tuple[str, Any]] = []

    def upto(self, modules: list[str]) -> list[tuple[str, Any]]:
        """Every (label, value) the helpers of ``modules`` give (the scan's modules so far come first)."""
        assert modules[:len(self.modules)] == self.modules, "imports before an answer extend those before the last one"
        self.results += helper_results(modules[len(self.modules):], self.world, self.frames)
        self.modules = list(modules)
        return list(self.results)


def helper_results(modules: list[str], world, frames: dict[str, pd.DataFrame]) -> Iterator[tuple[str, Any]]:
    """(label, value) of every call of the modules' public functions this scan tries.

    ``frames`` (name -> table) grows with the tables of any world-like result and with
    the frames helpers return, so a later helper is tried on them too."""
    tables = list(world.tables)  # the world's own tables: pairs of them feed two-table helpers
    functions: dict[str, tuple[Any, list[str]]] = {}
    for module in modules:
        strings = string_constants(module)
        for label, function in public_functions(module).items():
            functions.setdefault(label, (function, strings))
    for label, (function, strings) in functions.items():
        required = _required(function)
        attempts: list[tuple[str, tuple]] = []
        if not required:
            attempts.append(("()", ()))
        if len(required) <= 1:
            attempts.append(("(world)", (world,)))
            attempts += [(f"({name})", (frame,)) for name, frame in list(frames.items())]
        if len(required) == 2:
            for first_name, first in [("world", world), *frames.items()]:
                attempts += [(f"({first_name}, {s!r})", (first, s)) for s in strings]
            attempts += [(f"({a}, {b})", (frames[a], frames[b])) for a in tables for b in tables if a != b]
        for args_label, args in attempts:
            value = _call(function, *args)
            if value is None:
                continue
            if could_be_an_answer(value):
                yield f"{label}{args_label}", value
            yield from _parts_of(f"{label}{args_label}", value, frames)


def could_be_an_answer(value: Any) -> bool:
    """Small enough to be an answer: scoring a copy of a 150,000-row input proves nothing."""
    if isinstance(value, pd.DataFrame):
        return len(value) <= MAX_FRAME_ROWS
    return not isinstance(value, pd.Series) or len(value) <= MAX_ROWS


def _parts_of(label: str, value: Any, frames: dict[str, pd.DataFrame]) -> Iterator[tuple[str, Any]]:
    """What a result holds that an answer could be: a frame's columns, a dict's values, a world's tables."""
    tables = None if isinstance(value, (pd.DataFrame, pd.Series)) else getattr(value, "tables", None)
    for name, table in (tables.items() if isinstance(tables, dict) else []):
        frames.setdefault(f"{label}.{name}", table)
    if isinstance(value, pd.DataFrame):
        frames.setdefault(label, value)
        if len(value) <= MAX_FRAME_ROWS:
            yield f"{label}.to_dict()", value.to_dict()
        if len(value) <= MAX_ROWS:
            for column in value.columns:
                yield f"{label}[{column!r}]", value[column]
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{label}[{key!r}]", item


def is_label(column: pd.Series) -> bool:
    """A column one would count or group by: few distinct values, not a number or a time."""
    return not pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_datetime64_any_dtype(column) \
        and column.nunique() <= MAX_LABELS


def one_liners(name: str, table: pd.DataFrame) -> Iterator[tuple[str, Any]]:
    """A table's obvious one-liners, as a learner who skips the exercise would type them."""
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])]
    labels = [c for c in table.columns if is_label(table[c])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for column in table.columns:
            series = table[column]
            if not pd.api.types.is_datetime64_any_dtype(series):  # distinct timestamps count nothing anyone asks
                yield f"{name}.{column}.nunique()", series.nunique()
            if column in labels or pd.api.types.is_bool_dtype(series):
                yield f"{name}.{column}.value_counts()", series.value_counts()
                yield f"{name}.{column}.value_counts(normalize=True)", series.value_counts(normalize=True)
            if column in numeric:
                yield f"{name}.{column}.mean()", series.mean()
                yield f"{name}.{column}.sum()", series.sum()
        for by in labels:
            for column in numeric:
                if column != by:
                    yield f"{name}.groupby({by!r}).{column}.mean()", table.groupby(by)[column].mean()

