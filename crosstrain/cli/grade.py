"""``crosstrain grade ASSIGNMENT --from PATH``: the trainer's one command after a deadline."""

from __future__ import annotations

import os
from pathlib import Path

import click

from crosstrain.paths import COURSE_DIR


@click.command("grade")
@click.argument("assignment")
@click.option("--from", "source", required=True, type=click.Path(path_type=Path),
              help="Folder of hand-ins: one folder or zip per learner, or nbgrader's exchange.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Notebooks graded at once (default: the number of cores).")
@click.option("--force", is_flag=True, help="Grade again even the hand-ins that did not change.")
@click.option("--timeout", type=click.FloatRange(min=1), default=120, show_default=True,
              help="Seconds one notebook may run in all.")
@click.option("--cell-timeout", type=click.IntRange(min=1), default=30, show_default=True,
              help="Seconds one cell may run.")
@click.option("--memory", type=click.IntRange(min=256), default=2048, show_default=True,
              help="Megabytes of memory one kernel may use.")
@click.option("--course", "course_root", type=click.Path(path_type=Path), default=COURSE_DIR,
              help="The course folder (nbgrader's course root).", show_default=False)
@click.option("--cluster", metavar="ADDRESS", default=None,
              help="Run the notebooks on this Dask scheduler's workers (e.g. tcp://10.0.0.5:8786); grades are still written here.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def grade(assignment, source, workers, force, timeout, cell_timeout, memory, course_root, cluster, quiet) -> None:
    """Collect, repair, autograde in sandboxes, re-check, and report.

    \b
    Examples:
      crosstrain grade 00-orientation --from ~/Downloads/cohort-3
      crosstrain grade 00-orientation --from course/exchange --force
      crosstrain grade 00-orientation --from ~/cohort-3 --cluster tcp://scheduler:8786
    """
    from crosstrain.grading.grade import check_source
    from crosstrain.grading.grade import grade as run
    from crosstrain.grading.sandbox import Limits

    limits = Limits(timeout=timeout, cell_timeout=min(cell_timeout, int(timeout)), memory=memory * 1024**2)
    summary = run(assignment, check_source(source), course_root=course_root, workers=workers or os.cpu_count(),
                  force=force, limits=limits, progress=not quiet, cluster=cluster)
    for line in summary.lines():
        click.echo(line)
