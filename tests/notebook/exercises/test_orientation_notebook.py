"""Module 00's solution notebook runs top to bottom, quietly (its time: benchmarks/bench_course.py)."""

from __future__ import annotations

import pytest
from module_proof import check_solution_notebook

from crosstrain.grading.proof import reveals


@pytest.mark.kernel
def test_solution_notebook_runs_without_errors(default_world, tmp_path):
    check_solution_notebook("00-orientation", tmp_path, plots=1)


def test_reveals_spots_the_usual_spellings_of_a_value():
    assert reveals("you said 0.19, the answer is 19.2%", 0.19205)
    assert reveals("expected 40,000 leads", 40000)
    assert not reveals("divide by the number of leads (row 400001)", 40000)


def test_reveals_searches_nested_numbers_and_spares_what_messages_teach():
    assert reveals("the enterprise win rate is 14.9%", {"win_rate": {"enterprise": 0.1489, "smb": 0.3158}})
    assert reveals("you counted 646", [["no_project", 646], ["bad_fit", 390]])
    assert reveals("the top reason is no_project", [["no_project", 646]])  # a ranked label is the answer
    assert not reveals("prospecting is sales work", {"prospecting": "sales"})  # messages name the teams
    assert reveals("prospecting is sales work", {"prospecting": "sales"}, mapped_labels=True)
    assert reveals("an AE who booked nothing attained 0", {"U1": 0.0})
    assert not reveals("an AE who booked nothing attained 0", {"U1": 0.0, "U2": 0.5}, spare=[0.0])
