"""The graders folder marks each exercise's core mistake, as its exercise table does."""

from __future__ import annotations

from crosstrain.grading.graders import problems, wrong_answers
from crosstrain.grading.validate import Row, _judge


def _write(graders, exercise: str, mistake: str, header: str) -> None:
    path = graders / "99-test" / "wrong" / exercise / f"{mistake}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "answer = 1\n")


def test_a_core_line_among_the_leading_comments_marks_the_file(tmp_path):
    _write(tmp_path, "q1", "mean", "# mistake: took the mean\n# core: yes\n")
    _write(tmp_path, "q1", "all_deals", "# mistake: every deal\n")
    _write(tmp_path, "q1", "later", "# mistake: a core line after code does not count\nx = 1\n# core: yes\n")
    found = {w.mistake: w for w in wrong_answers("99-test", tmp_path)}
    assert found["mean"].core and found["mean"].description == "took the mean"
    assert not found["all_deals"].core and not found["later"].core


def test_each_exercise_needs_its_tables_core_mistake_marked_once_in_the_graders(tmp_path):
    _write(tmp_path, "q1", "mean", "# mistake: took the mean\n# core: yes\n")
    _write(tmp_path, "q1", "all_deals", "# mistake: every deal\n")
    _write(tmp_path, "q2", "a", "# mistake: a\n# core: yes\n")
    _write(tmp_path, "q2", "b", "# mistake: b\n# core: yes\n")
    _write(tmp_path, "q3", "c", "# mistake: c\n")
    _write(tmp_path, "q3", "d", "# mistake: d\n")
    _write(tmp_path, "q4", "e", "# mistake: e\n")
    _write(tmp_path, "q4", "f", "# mistake: f\n")
    found = problems("99-test", ["q1", "q2", "q3", "q4"], [], tmp_path, cores={"q1": "mean", "q2": "a", "q3": "c", "q4": None})
    assert not any(p.startswith("q1") for p in found)
    assert "q2: graders/99-test/wrong/q2 marks a, b as core, but its table's core mistake is a: mark exactly that one" in found
    assert "q3: graders/99-test/wrong/q3/c.py must exist and say '# core: yes' (its table's core mistake is c)" in found
    assert any(p.startswith("q4 marks no core mistake in its exercise table") for p in found)


def test_validate_fails_a_core_mistake_that_earns_anything_and_any_other_that_keeps_more_than_half():
    row = Row("q5", 2, True, solution=2, blank=0, wrong={"drop_never": 0.5, "from_created": 1.0, "among_accepted": 1.5},
              core="drop_never")
    found = _judge(row)
    assert "q5: the core mistake 'drop_never' earns 0.5 of 2 (the mistake the exercise exists to teach must earn 0)" in found
    assert not any("from_created" in p for p in found)
    assert any("'among_accepted' earns 1.5 of 2" in p for p in found)
    assert not _judge(Row("q5", 2, True, solution=2, blank=0, wrong={"drop_never": 0.0}, core="drop_never"))
