"""Turning the generator's numpy arrays into typed Arrow columns.

The generator works on integers: row indices for ids and foreign keys, codes
into small vocabularies for categories, int64 seconds for times, with -1 as
"null" throughout. Only at the end do they become strings and timestamps, in
Arrow's C++ kernels rather than Python loops.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from crosstrain.world.schema import TABLES

ID_WIDTH = {"users": 4, "accounts": 6, "contacts": 7, "campaigns": 5, "leads": 7,
            "touchpoints": 8, "opportunities": 7, "activities": 8, "call_notes": 7,
            "subscriptions": 6, "subscription_events": 7}
# Arrow memory for the world's columns and for writing them: the system allocator, not Arrow's
# default (mimalloc). mimalloc gives every thread its own arenas, backed by 2 MB huge pages,
# so the generator's and writers' few MB of short-lived buffers made a fresh process fault in
# and zero ~60 MB (a large share of a small world's time, and most of its run-to-run spread);
# malloc reuses freed memory across threads.
MEMORY_POOL = pa.system_memory_pool()


@dataclass
class Codes:
    """A category column: ``vocab[codes]``, null where the code is -1."""

    codes: np.ndarray
    vocab: Sequence[str]


@dataclass
class Ref:
    """An id column: row ``index`` of ``table`` (its own id, or a foreign key), null where -1."""

    index: np.ndarray
    table: str


def ids(table: str, index: np.ndarray) -> pa.Array:
    """``L0000042`` style ids for 0-based row indices; -1 gives null.

    Built as one fixed-width byte matrix handed to Arrow as a string buffer:
    formatting millions of ids one by one would take seconds.
    """
    index = np.asarray(index, dtype=np.int64)
    valid = index >= 0
    number = index + 1
    number[~valid] = 0
    return _fixed_width_strings(_format_ids(table, number), valid)


class IdCache:
    """Ids of the tables that foreign keys point to, formatted once per world.

    A lead's id is in six tables: formatting its digits for each was two fifths of the
    work of handing a small world's tables to Arrow, while gathering the formatted bytes
    is a plain copy. Other tables' ids are used once and are not kept.
    """

    def __init__(self):
        self._formatted: dict[str, np.ndarray] = {}

    def ids(self, table: str, index: np.ndarray) -> pa.Array:
        """Like ``ids(table, index)``."""
        if table not in REFERENCED:
            return ids(table, index)
        index = np.asarray(index, dtype=np.int64)
        rows = int(index.max()) + 1 if len(index) else 0
        formatted = self._formatted.get(table)
        if formatted is None or len(formatted) < rows:
            formatted = self._formatted[table] = _format_ids(table, np.arange(1, max(rows, 1) + 1))
        # Index -1 picks the last id, which the validity bitmap then hides.
        return _fixed_width_strings(formatted[index], index >= 0)

    def resolve(self, columns: dict) -> dict:
        """``columns`` with each id column (``Ref``) made an Arrow array."""
        return {name: self.ids(value.table, value.index) if isinstance(value, Ref) else value
                for name, value in columns.items()}


# Tables whose ids foreign keys hold (leads, accounts, users, ...).
REFERENCED = frozenset(target for table in TABLES.values() for target in table.foreign_keys.values())


def _format_ids(table: str, number: np.ndarray) -> np.ndarray:
    """Ids for 1-based ``number`` (0 for null rows) as fixed-width bytes, one ``S<n>`` item each."""
    prefix = TABLES[table].id_prefix.encode()
    width = ID_WIDTH[table]
    if len(number) and number.max() >= 10**width:
        raise ValueError(f"{table}: {number.max():,} rows do not fit {width}-digit ids")
    chars = np.empty((len(number), len(prefix) + width), dtype=np.uint8)
    chars[:, : len(prefix)] = np.frombuffer(prefix, dtype=np.uint8)
    _write_digits(chars[:, len(prefix):], number)
    return chars.view(f"S{chars.shape[1]}").reshape(len(number))


def _fixed_width_strings(values: np.ndarray, valid: np.ndarray) -> pa.Array:
    """A string array over the bytes of ``values`` (``S<n>`` items), null where not ``valid``."""
    size = values.dtype.itemsize
    offsets = pa.py_buffer(np.arange(len(values) + 1, dtype=np.int32) * size)
    # Null ids get a validity bitmap (Arrow's bit order) rather than a second pass over the strings.
    nulls = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.StringArray.from_buffers(len(values), offsets, pa.py_buffer(values), nulls)


def _write_digits(columns: np.ndarray, number: np.ndarray) -> None:
    """Write ``number`` as zero-padded ASCII digits into the byte columns ``columns``.

    Digits are peeled off the right with int32 floor division: numpy divides by a
    constant several times faster than it takes ``%``, and int32 faster than int64.
    """
    number = number.astype(np.int32)  # ids have at most 8 digits
    rest = np.empty_like(number)  # two buffers, swapped: a touchpoint id column is 4 million rows
    for column in range(columns.shape[1] - 1, -1, -1):
        np.floor_divide(number, 10, out=rest)
        number -= rest * 10
        np.add(number, ord("0"), out=columns[:, column], casting="unsafe")
        number, rest = rest, number


def decode(codes: np.ndarray, vocab: Sequence[str]) -> pa.Array:
    """``vocab[codes]`` as a string column, null where the code is -1."""
    codes = np.asarray(codes)
    indices = pa.array(codes, mask=_nulls(codes), memory_pool=MEMORY_POOL)
    return pc.take(pa.array(list(vocab), pa.string(), memory_pool=MEMORY_POOL), indices, memory_pool=MEMORY_POOL)


def times(seconds: np.ndarray) -> pa.Array:
    seconds = np.asarray(seconds, dtype=np.int64)
    return pa.array(seconds, type=pa.timestamp("s"), mask=_nulls(seconds), memory_pool=MEMORY_POOL)


def dates(midnights: np.ndarray) -> pa.Array:
    """Dates from the seconds of their midnights (-1 for null): CSV and Parquet show a date."""
    midnights = np.asarray(midnights, dtype=np.int64)
    return pa.array((midnights // 86_400).astype(np.int32), type=pa.date32(), mask=_nulls(midnights), memory_pool=MEMORY_POOL)


def _nulls(values: np.ndarray) -> np.ndarray | None:
    """Where ``values`` hold -1 (null), or None when none do: Arrow then needs no bitmap."""
    null = values < 0
    return null if null.any() else None


def to_table(name: str, columns: dict) -> pa.Table:
    """Build table ``name`` in schema order, converting each column by its kind."""
    schema = TABLES[name].columns
    missing = set(schema) - set(columns)
    extra = set(columns) - set(schema)
    if missing or extra:
        raise ValueError(f"{name}: missing columns {sorted(missing)}, unexpected {sorted(extra)}")
    arrays = {}
    for column, kind in schema.items():
        value = columns[column]
        if isinstance(value, (pa.Array, pa.ChunkedArray)):
            array = value  # made already (ids from an IdCache, joined strings)
        elif isinstance(value, Ref):
            array = ids(value.table, value.index)
        elif isinstance(value, Codes):
            array = decode(value.codes, value.vocab)
        elif kind == "datetime":
            array = times(value)
        elif kind == "date":
            array = dates(value)
        elif kind == "str":
            array = pa.array(value, pa.string(), memory_pool=MEMORY_POOL)
        elif kind == "int":
            array = pa.array(np.asarray(value, dtype=np.int64), memory_pool=MEMORY_POOL)
        elif kind == "float":
            value = np.asarray(value, dtype=np.float64)
            array = pa.array(value, mask=np.isnan(value), memory_pool=MEMORY_POOL)
        elif kind == "bool":
            array = pa.array(np.asarray(value, dtype=bool), memory_pool=MEMORY_POOL)
        else:
            raise ValueError(f"{name}.{column}: cannot convert kind {kind}")
        arrays[column] = array
    return pa.table(arrays)


def join(*parts) -> pa.Array:
    """Concatenate string arrays (or lists, numpy arrays) and scalars element-wise."""
    parts = [p if isinstance(p, (str, pa.Array)) else pa.array(list(p), pa.string(), memory_pool=MEMORY_POOL) for p in parts]
    return pc.binary_join_element_wise(*parts, "", memory_pool=MEMORY_POOL)
