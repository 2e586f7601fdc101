"""Answer capture: how a graded answer leaves the learner's kernel as plain data.

THE CONTRACT with the batch grader (keep stable):

- Each autograded test cell calls ``ex.<name>.grade(answer)``. That call emits exactly
  one ``display_data`` output whose data holds ``ANSWER_MIME`` with the payload::

      {"module": "00-orientation", "exercise": "q1", "grade_id": "q1",
       "value": encode(answer), "world": {"name": "tiny", "seed": 7, "variant": "clean"}}

  then asserts correctness in the kernel so nbgrader's own autograde scores the cell.
- ``payloads(notebook)`` returns ``{grade_id: payload}`` for the graded test cells of an
  executed notebook; ``decode(payload["value"])`` gives back the plain answer, which the
  grader re-scores out of the kernel with
  ``crosstrain.notebook.exercises.get(module, exercise).score(value, world)``.

Why not trust the kernel: a submission can monkeypatch anything in it. So values travel
as tagged JSON (scalars, lists, dicts, timestamps) or parquet in base64 (DataFrame,
Series): never pickle, and only exact built-in types, so an object whose ``__eq__``
always says yes cannot get through.
"""

from __future__ import annotations

import base64
import io
import math
from typing import Any

import numpy as np
import pandas as pd

ANSWER_MIME = "application/vnd.crosstrain.answer+json"
MAX_ENCODED_CHARS = 2_000_000  # a graded answer is a number or a small table, never a dump
MAX_DEPTH = 20
MAX_ITEMS = 100_000  # refused before encoding, so a huge answer cannot exhaust memory

_NUMPY_SCALARS = {
    np.bool_: bool,
    **{t: int for t in (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64)},
    **{t: float for t in (np.float16, np.float32, np.float64)},
}
_PAYLOAD_KEYS = {"module", "exercise", "grade_id", "value", "world"}


class UnsafeAnswer(TypeError):
    """The answer is of a type that cannot travel safely to the grader."""


def encode(value: Any) -> dict:
    """Encode an answer as tagged plain JSON; raise ``UnsafeAnswer`` for anything else."""
    encoded = _encode(value, 0)
    if _size(encoded) > MAX_ENCODED_CHARS:
        raise UnsafeAnswer("your answer is too large to hand in: an answer is a number, a label or a small table")
    return encoded


def decode(encoded: dict) -> Any:
    """Turn an encoded answer back into a plain value; raise ``ValueError`` if malformed."""
    return _decode(encoded, 0)


def as_plain(value: Any) -> Any:
    """The value the grader will see: ``decode(encode(value))``."""
    return decode(encode(value))


def make_payload(module: str, exercise: str, grade_id: str, value: Any, world_identity: dict) -> dict:
    """The payload ``grade()`` displays (see the module docstring)."""
    return {
        "module": module,
        "exercise": exercise,
        "grade_id": grade_id,
        "value": encode(value),
        "world": {k: world_identity[k] for k in ("name", "seed", "variant")},
    }


def payloads(notebook) -> dict[str, dict]:
    """``{grade_id: payload}`` from the autograded test cells of an executed notebook.

    Only a payload displayed by the test cell whose nbgrader grade_id it names counts;
    a cell with more than one payload, or a payload of the wrong shape, is left out
    (the grader then treats that exercise as not handed in).
    """
    found: dict[str, dict] = {}
    for cell in notebook.get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        grade_id = meta.get("grade_id")
        mine = [
            out["data"][ANSWER_MIME]
            for out in cell.get("outputs", [])
            if out.get("output_type") == "display_data" and ANSWER_MIME in out.get("data", {})
        ]
        if len(mine) == 1 and _well_formed(mine[0]) and mine[0]["grade_id"] == grade_id:
            found[grade_id] = mine[0]
    return found


def _well_formed(payload: Any) -> bool:
    return (
        isinstance(payload, dict)
        and set(payload) == _PAYLOAD_KEYS
        and all(isinstance(payload[k], str) for k in ("module", "exercise", "grade_id"))
        and isinstance(payload["value"], dict)
        and isinstance(payload["world"], dict)
    )


def _encode(value: Any, depth: int) -> dict:
    if depth > MAX_DEPTH:
        raise UnsafeAnswer("your answer is nested too deeply: hand in a number, a label, a list, a dict or a table")
    kind = type(value)
    if kind in _NUMPY_SCALARS:
        value, kind = value.item(), _NUMPY_SCALARS[kind]
    if value is None:
        return {"type": "none"}
    if kind is bool:
        return {"type": "bool", "data": value}
    if kind is int:
        return {"type": "int", "data": str(value)}  # str: JSON readers may round big ints
    if kind is float:
        return {"type": "float", "data": value if math.isfinite(value) else repr(value)}
    if kind is str:
        return {"type": "str", "data": value}
    if kind in (list, tuple, dict) and len(value) > MAX_ITEMS or kind in (pd.DataFrame, pd.Series) and value.size > MAX_ITEMS * 10:
        raise UnsafeAnswer("your answer is too large to hand in: an answer is a number, a label or a small table")
    if kind in (list, tuple):
        return {"type": kind.__name__, "data": [_encode(v, depth + 1) for v in value]}
    if kind is dict:
        return {"type": "dict", "data": [[_encode(k, depth + 1), _encode(v, depth + 1)] for k, v in value.items()]}
    if kind is pd.Timestamp:
        return {"type": "timestamp", "data": value.isoformat()}
    if kind is pd.DataFrame:
        return {"type": "dataframe", "data": _to_parquet(value)}
    if kind is pd.Series:
        return {"type": "series", "data": _to_parquet(value.to_frame(name="__series__")), "name": _encode(value.name, depth + 1)}
    raise UnsafeAnswer(
        f"an answer of type {kind.__name__} cannot be handed in: use a number, a text, a list, a dict, "
        "a Timestamp, a Series or a DataFrame (e.g. .tolist() for an array)"
    )


def _decode(encoded: Any, depth: int) -> Any:
    if depth > MAX_DEPTH or not isinstance(encoded, dict) or not isinstance(encoded.get("type"), str):
        raise ValueError("malformed answer encoding")
    kind, data = encoded["type"], encoded.get("data")
    if kind == "none":
        return None
    if kind == "bool" and type(data) is bool:
        return data
    if kind == "int" and type(data) is str and data.lstrip("-").isdigit() and len(data) < 400:
        return int(data)
    if kind == "float" and type(data) in (int, float):
        return float(data)
    if kind == "float" and data in ("nan", "inf", "-inf"):
        return float(data)
    if kind == "str" and type(data) is str:
        return data
    if kind in ("list", "tuple") and type(data) is list:
        items = [_decode(v, depth + 1) for v in data]
        return items if kind == "list" else tuple(items)
    if kind == "dict" and type(data) is list and all(type(p) is list and len(p) == 2 for p in data):
        return {_hashable(_decode(k, depth + 1)): _decode(v, depth + 1) for k, v in data}
    if kind == "timestamp" and type(data) is str:
        return pd.Timestamp(data)
    if kind == "dataframe" and type(data) is str:
        return _from_parquet(data)
    if kind == "series" and type(data) is str:
        series = _from_parquet(data)["__series__"]
        series.name = _decode(encoded.get("name"), depth + 1)
        return series
    raise ValueError(f"malformed answer encoding of type {kind!r}")


def _hashable(key: Any) -> Any:
    if isinstance(key, (list, dict, pd.DataFrame, pd.Series)):
        raise ValueError("malformed answer encoding: unhashable dict key")
    return key


def _to_parquet(frame: pd.DataFrame) -> str:
    frame = frame.copy()
    frame.columns = [str(c) for c in frame.columns]
    buffer = io.BytesIO()
    try:
        frame.to_parquet(buffer)
    except Exception as exc:  # pyarrow refuses object columns of mixed or odd types
        raise UnsafeAnswer(f"this table cannot be handed in ({type(exc).__name__}): keep its columns to numbers, text, dates and booleans") from None
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _from_parquet(data: str) -> pd.DataFrame:
    import pyarrow.parquet as pq

    try:
        return pq.read_table(io.BytesIO(base64.b64decode(data, validate=True))).to_pandas()
    except Exception as exc:
        raise ValueError(f"malformed table in answer encoding ({type(exc).__name__})") from None


def _size(encoded: dict) -> int:
    import json

    return len(json.dumps(encoded))
