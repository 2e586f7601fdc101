"""The README's main job: the whole course, end to end, on one machine.

Builds the world and the course, simulates a small cohort hand-in for the pilot
module (a correct, a partial, a blank and a broken learner), grades it the way a
trainer would, and says where everything is and how to open JupyterLab.
"""

from __future__ import annotations

from pathlib import Path

from crosstrain.paths import COURSE_DIR
from crosstrain.world.describe import summary
from crosstrain.world.load import load_world

PILOT = "00-orientation"
COHORT = {"ana": "correct", "ben": "partial", "chloe": "blank", "dan": "broken"}


def run_demo(echo=print, course_root: Path = COURSE_DIR, progress: bool = True) -> Path:
    """Run the demo; returns the cohort report's path."""
    from crosstrain.grading.build import build
    from crosstrain.grading.cohort import write_cohort
    from crosstrain.grading.grade import grade

    echo("1/4 The CRM world (generated the first time, a few seconds)")
    echo(summary(load_world("default", progress=progress)))
    echo("\n2/4 The course: module sources -> nbgrader source and release notebooks")
    for built in build(course_root=course_root, progress=progress):
        echo(f"  {built.module}: {built.status}")
    hand_ins = Path(course_root) / "demo-cohort"
    echo(f"\n3/4 A simulated cohort hands in {PILOT}: " + ", ".join(f"{name} ({kind})" for name, kind in COHORT.items()))
    write_cohort(course_root, PILOT, hand_ins, COHORT)
    echo(f"  hand-ins in {hand_ins}")
    echo(f"\n4/4 Grading, as a trainer would: crosstrain grade {PILOT} --from {hand_ins}")
    result = grade(PILOT, hand_ins, course_root=course_root, progress=progress)
    for line in result.lines():
        echo(f"  {line}")
    echo(f"""
Done. Open the cohort report in a browser: {result.report}
  As a learner:  .venv/bin/crosstrain lab              (JupyterLab on your own workspace)
  As a trainer:  .venv/bin/crosstrain lab --trainer    (JupyterLab beside course/ and graders/: Formgrader, rubrics)
  The grade sheet is {result.csv}""")
    return result.report
