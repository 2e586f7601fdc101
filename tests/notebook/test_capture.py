"""The answer capture contract: plain data in, plain data out, nothing else gets through."""

from __future__ import annotations

import json
import math

import nbformat
import numpy as np
import pandas as pd
import pytest

from crosstrain.notebook.capture import (
    ANSWER_MIME,
    UnsafeAnswer,
    decode,
    encode,
    make_payload,
    payloads,
)

WORLD = {"name": "tiny", "seed": 7, "variant": "clean"}


@pytest.mark.parametrize("value", [
    None, True, False, 0, -3, 2**70, 1.5, "paid_search", "", [1, "a", None], (1, 2.5),
    {"lead": "marketing", 3: [1, 2]}, pd.Timestamp("2026-10-01 12:30"),
])
def test_plain_values_round_trip_with_their_exact_type(value):
    back = decode(json.loads(json.dumps(encode(value))))
    assert back == value and type(back) is type(value)


def test_nan_and_infinity_survive_json():
    assert math.isnan(decode(json.loads(json.dumps(encode(float("nan"))))))
    assert decode(json.loads(json.dumps(encode(float("-inf"))))) == float("-inf")


def test_numpy_scalars_become_python_scalars():
    assert type(decode(encode(np.int64(7)))) is int
    assert type(decode(encode(np.float64(0.25)))) is float
    assert decode(encode(np.bool_(True))) is True


def test_frames_and_series_round_trip():
    frame = pd.DataFrame({"channel": ["email", "webinar"], "leads": [10, 4], "share": [0.7, 0.3]},
                         index=pd.Index(["a", "b"], name="key"))
    pd.testing.assert_frame_equal(decode(json.loads(json.dumps(encode(frame)))), frame)
    series = frame.set_index("channel").leads
    back = decode(encode(series))
    pd.testing.assert_series_equal(back, series)


class AlwaysEqual(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


@pytest.mark.parametrize("value", [AlwaysEqual(3), np.array([1, 2]), {1, 2}, object(), lambda: 1, [AlwaysEqual(1)], {"k": object()}])
def test_unsafe_or_unknown_types_are_refused(value):
    with pytest.raises(UnsafeAnswer):
        encode(value)


def test_gigantic_answers_are_refused():
    with pytest.raises(UnsafeAnswer, match="too large"):
        encode("x" * 3_000_000)


@pytest.mark.parametrize("bad", [
    {"type": "pickle", "data": "gASV"}, {"type": "int", "data": "1e9"}, {"type": "bool", "data": 1},
    {"type": "dataframe", "data": "not base64!"}, {"type": "dict", "data": [[{"type": "list", "data": []}, {"type": "none"}]]}, [],
])
def test_malformed_encodings_raise_value_error(bad):
    with pytest.raises(ValueError):
        decode(bad)


def _graded_cell(grade_id, outputs, solution=False):
    cell = nbformat.v4.new_code_cell("ex.q1.grade(x)")
    cell.metadata["nbgrader"] = {"grade": True, "solution": solution, "locked": True, "grade_id": grade_id, "points": 1, "schema_version": 3}
    cell.outputs = [nbformat.v4.new_output("display_data", data={ANSWER_MIME: o, "text/plain": "handed in"}) for o in outputs]
    return cell


def test_payloads_come_only_from_the_test_cell_they_name():
    good = make_payload("00-orientation", "q1", "q1", 5, WORLD)
    forged = make_payload("00-orientation", "q2", "q2", 1, WORLD)
    notebook = nbformat.v4.new_notebook(cells=[
        _graded_cell("q1", [good]),
        _graded_cell("q2_answer", [forged], solution=True),  # an answer cell cannot hand in
        _graded_cell("q3", [forged]),  # names another cell
        _graded_cell("q4", [make_payload("m", "q4", "q4", 1, WORLD)] * 2),  # more than one
    ])
    found = payloads(json.loads(nbformat.writes(notebook)))
    assert list(found) == ["q1"]
    assert decode(found["q1"]["value"]) == 5 and found["q1"]["world"] == WORLD


def test_huge_collections_are_refused_before_encoding():
    with pytest.raises(UnsafeAnswer, match="too large"):
        encode(list(range(200_000)))
