"""Turning the generator's numpy arrays into typed Arrow columns.

The generator works on integers: row indices for ids and foreign keys, codes
into small vocabularies for categories, int64 seconds for times, with -1 as
"null" throughout. Only at the end do they become strings and timestamps, in
Arrow's C++ kernels rather than Python loops.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from crosstrain.world.schema import TABLES

ID_WIDTH = {"users": 4, "accounts": 6, "contacts": 7, "campaigns": 5, "leads": 7,
            "touchpoints": 8, "opportunities": 7, "activities": 8, "call_notes": 7}
NULL = -1


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
    prefix = TABLES[table].id_prefix.encode()
    width = ID_WIDTH[table]
    valid = index >= 0
    number = np.where(valid, index + 1, 0)
    if len(number) and number.max() >= 10**width:
        raise ValueError(f"{table}: {number.max():,} rows do not fit {width}-digit ids")
    chars = np.empty((len(index), len(prefix) + width), dtype=np.uint8)
    chars[:, : len(prefix)] = np.frombuffer(prefix, dtype=np.uint8)
    _write_digits(chars[:, len(prefix):], number)
    size = chars.shape[1]
    offsets = pa.py_buffer((np.arange(len(index) + 1, dtype=np.int32) * size).tobytes())
    # Null ids get a validity bitmap (Arrow's bit order) rather than a second pass over the strings.
    nulls = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.StringArray.from_buffers(len(index), offsets, pa.py_buffer(chars), nulls)


def _write_digits(columns: np.ndarray, number: np.ndarray) -> None:
    """Write ``number`` as zero-padded ASCII digits into the byte columns ``columns``.

    Digits are peeled off the right with int32 floor division: numpy divides by a
    constant several times faster than it takes ``%``, and int32 faster than int64.
    """
    number = number.astype(np.int32)  # ids have at most 8 digits
    for column in range(columns.shape[1] - 1, -1, -1):
        rest = number // 10
        columns[:, column] = number - rest * 10 + ord("0")
        number = rest


def decode(codes: np.ndarray, vocab: Sequence[str]) -> pa.Array:
    """``vocab[codes]`` as a string column, null where the code is -1."""
    codes = np.asarray(codes, dtype=np.int32)
    return pa.array(list(vocab), pa.string()).take(pa.array(codes, mask=codes < 0))


def times(seconds: np.ndarray) -> pa.Array:
    seconds = np.asarray(seconds, dtype=np.int64)
    return pa.array(seconds, type=pa.timestamp("s"), mask=seconds < 0)


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
        if isinstance(value, Ref):
            array = ids(value.table, value.index)
        elif isinstance(value, Codes):
            array = decode(value.codes, value.vocab)
        elif kind == "datetime":
            array = times(value)
        elif kind == "str":
            array = value if isinstance(value, (pa.Array, pa.ChunkedArray)) else pa.array(value, pa.string())
        elif kind == "int":
            array = pa.array(np.asarray(value, dtype=np.int64))
        elif kind == "float":
            value = np.asarray(value, dtype=np.float64)
            array = pa.array(value, mask=np.isnan(value))
        elif kind == "bool":
            array = pa.array(np.asarray(value, dtype=bool))
        else:
            raise ValueError(f"{name}.{column}: cannot convert kind {kind}")
        arrays[column] = array
    return pa.table(arrays)


def join(*parts) -> pa.Array:
    """Concatenate string arrays (or lists, numpy arrays) and scalars element-wise."""
    parts = [p if isinstance(p, (str, pa.Array)) else pa.array(list(p), pa.string()) for p in parts]
    return pc.binary_join_element_wise(*parts, "")
