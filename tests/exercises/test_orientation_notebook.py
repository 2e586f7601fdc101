"""Module 00's solution notebook runs top to bottom, quietly (its time: benchmarks/bench_course.py)."""

from __future__ import annotations

from crosstrain.exercises.proof import reveals, run_solution


def test_solution_notebook_runs_without_errors(default_world, tmp_path):
    notebook, _ = run_solution("00-orientation", tmp_path)
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    assert len(graded) == 5
    for cell in graded:
        assert not [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"], cell.source
        assert "Correct" in "".join(o.get("text", "") for o in cell.outputs), cell.source
    plots = [o for c in notebook.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(plots) == 1


def test_reveals_spots_the_usual_spellings_of_a_value():
    assert reveals("you said 0.19, the answer is 19.2%", 0.19205)
    assert reveals("expected 40,000 leads", 40000)
    assert not reveals("divide by the number of leads (row 400001)", 40000)
