"""Exercise objects and the in-kernel grading entry point, on real kernels."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from crosstrain.notebook.answers import Count, Label, Mapping, Share
from crosstrain.notebook.capture import ANSWER_MIME, decode
from crosstrain.notebook.exercise import PARTIAL_CAP
from crosstrain.notebook.exercises import get


class AlwaysEqual(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


def test_score_refuses_objects_that_claim_equality(tiny_world):
    assert get("00-orientation", "q1").score(AlwaysEqual(0), tiny_world) == 0.0


def test_mapping_gives_partial_credit_per_key_capped_at_half(tiny_world):
    exercise = get("00-orientation", "q5")
    answer = dict(exercise.expected(tiny_world), customer="ae")
    assert exercise.share_right(answer, tiny_world) == pytest.approx(5 / 6)
    assert exercise.score(answer, tiny_world) == pytest.approx(PARTIAL_CAP * 5 / 6)
    assert exercise.score(exercise.expected(tiny_world), tiny_world) == 1.0


def test_a_wrong_part_loses_at_least_half_the_points(tiny_world):
    exercise = get("00-orientation", "q5")
    for key in exercise.expected(tiny_world):
        answer = dict(exercise.expected(tiny_world))
        answer[key] = "nobody"
        assert exercise.score(answer, tiny_world) <= 0.5


@pytest.mark.parametrize("kind, answer, words", [
    (Count(of="leads"), 600.0, "whole number"),
    (Count(of="leads"), -1, "negative"),
    (Share(of="the number of MQLs"), 12.4, "did you multiply by 100, or forget to divide by the number of MQLs"),
    (Share(of="the number of MQLs"), 412, "did you divide by the number of MQLs"),
    (Label(of="channel", choices=lambda w: ["email"]), "Email", "copy the name exactly"),
    (Mapping(keys=("lead",), values=("marketing",)), {"lead": "sales"}, "'marketing'"),
])
def test_sanity_messages_speak_plainly(kind, answer, words):
    assert words in kind.sanity(answer, world=object())


GRADING_NOTEBOOK = [
    'from crosstrain.notebook import start\nworld, ex = start("00-orientation", "tiny")',
    "ex.q1.grade(len(world.leads))",
    "ex.q5.grade({**ex.q5.exercise.expected(world), 'customer': 'ae'})",
    "ex.q1.grade(len(world.accounts))",
    "import numpy as np\nex.q1.grade(np.array([1]))",
    "ex.q1.check(len(world.leads))",
    "ex.q1.check(n_leads)",
    "print(some_typo)",
    "from crosstrain.notebook import ____\nex.q1.check(____)",
    "ex.q1.grade(____)",
    "import numpy as np\n{'rate': np.float64(0.2532675709001233), 'amount': np.float64(12345.678), 'points': 2 / 3}",
]


@pytest.fixture(scope="module")
def graded_cells():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in GRADING_NOTEBOOK])
    NotebookClient(notebook, kernel_name="python3", allow_errors=True, shutdown_kernel="immediate", timeout=60).execute()
    return notebook.cells


def _answers(cell):
    return [o for o in cell.outputs if o.output_type == "display_data" and ANSWER_MIME in o.data]


@pytest.mark.kernel
def test_grade_hands_in_one_plain_payload_and_passes(graded_cells, tiny_world):
    cell = graded_cells[1]
    assert [o.output_type for o in cell.outputs] == ["display_data"]
    payload = _answers(cell)[0].data[ANSWER_MIME]
    assert payload["module"] == "00-orientation" and payload["grade_id"] == "q1"
    assert payload["world"] == {"name": tiny_world.name, "seed": tiny_world.seed, "variant": tiny_world.variant}
    assert decode(payload["value"]) == len(tiny_world.leads)


@pytest.mark.kernel
def test_grade_returns_partial_points_for_nbgrader(graded_cells):
    result = [o for o in graded_cells[2].outputs if o.output_type == "execute_result"]
    assert len(_answers(graded_cells[2])) == 1
    assert float(result[0].data["text/plain"]) == pytest.approx(2 * PARTIAL_CAP * 5 / 6, abs=1e-5)


@pytest.mark.kernel
def test_grade_fails_a_wrong_answer_without_giving_the_answer_away(graded_cells, tiny_world):
    error = [o for o in graded_cells[3].outputs if o.output_type == "error"][0]
    assert error.ename == "AssertionError" and "accounts" in error.evalue
    assert str(len(tiny_world.leads)) not in error.evalue


@pytest.mark.kernel
def test_grade_refuses_an_array_in_words(graded_cells):
    error = [o for o in graded_cells[4].outputs if o.output_type == "error"][0]
    assert error.ename == "AssertionError" and ".tolist()" in error.evalue
    assert not _answers(graded_cells[4])


@pytest.mark.kernel
def test_graded_cells_never_write_to_stderr(graded_cells):
    for cell in graded_cells[1:]:
        assert not [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"], cell.source


def _plain(cell) -> str:
    return "".join(o.get("text", "") or str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)


@pytest.mark.kernel
def test_check_shows_a_verdict_card_with_a_plain_text_fallback(graded_cells):
    assert _plain(graded_cells[5]).startswith("q1: Correct: ")
    html = graded_cells[5].outputs[0].data["text/html"]
    assert "crosstrain-correct" in html and "✔" in html and "Correct" in html


@pytest.mark.kernel
def test_a_blank_answer_is_not_answered_yet_and_grades_zero_for_that_reason(graded_cells):
    assert _plain(graded_cells[8]).startswith("q1: Not answered yet: `n_leads` is still `____`")
    assert not [o for o in graded_cells[8].outputs if o.output_type == "error"]
    error = [o for o in graded_cells[9].outputs if o.output_type == "error"][0]
    assert error.ename == "AssertionError" and "not answered yet" in error.evalue
    assert not _answers(graded_cells[9])  # nothing handed in: the re-score agrees on 0


@pytest.mark.kernel
def test_checking_an_answer_not_computed_yet_says_what_to_do(graded_cells):
    error = [o for o in graded_cells[6].outputs if o.output_type == "error"][0]
    assert error.ename == "NameError"  # the cell still fails: Run All and graders see an error
    assert any("Hint: `n_leads` is your answer to q1 and it has no value yet" in line for line in error.traceback)
    other = [o for o in graded_cells[7].outputs if o.output_type == "error"][0]
    assert other.ename == "NameError" and not any("Hint:" in line for line in other.traceback)


def test_a_recognised_mistake_is_named_even_when_the_answer_is_out_of_range(tiny_world):
    """A share given as a count is both out of range and a known mistake: the mistake says more."""
    exercise = get("00-orientation", "q2")
    mistake = next(m for m in exercise.mistakes if m.name == "count_not_share")
    assert exercise.kind.sanity(mistake.compute(tiny_world), tiny_world)  # the range check alone would fire
    assert exercise.check(mistake.compute(tiny_world), tiny_world).message == mistake.message
    assert exercise.check(-3.5, tiny_world).message == exercise.kind.sanity(-3.5, tiny_world)


@pytest.mark.kernel
def test_an_echoed_answer_reads_as_numbers_not_numpy_code(graded_cells):
    shown = [o for o in graded_cells[10].outputs if o.output_type == "execute_result"][0].data["text/plain"]
    # a Python float keeps its repr: nbgrader reads partial credit from it
    assert shown == "{'rate': 0.2533, 'amount': 12,345.68, 'points': 0.6666666666666666}"
