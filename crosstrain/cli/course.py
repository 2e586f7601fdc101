"""``crosstrain build`` and ``crosstrain validate``: module sources to proven nbgrader assignments."""

from __future__ import annotations

from pathlib import Path

import click

from crosstrain.paths import COURSE_DIR, GRADERS_DIR, MODULES_DIR

_course = click.option("--course", "course_root", type=click.Path(path_type=Path), default=COURSE_DIR,
                       help="The course folder (nbgrader's course root).", show_default=False)
_quiet = click.option("--quiet", is_flag=True, help="No progress bar.")


@click.command("build")
@click.argument("modules", nargs=-1)
@_course
@_quiet
@click.option("--mode", type=click.Choice(["practice", "assessment"]), default=None,
              help="Override the syllabus: practice (self-study: check, hint, solution) or assessment "
                   "(certify: no solutions, no answers in the learner's kernel).")
def build(modules, course_root, quiet, mode) -> None:
    """Build MODULES (all if none): world, nbgrader source notebooks, release.

    \b
    Examples:
      crosstrain build                   # every module in course/syllabus.yml
      crosstrain build 00-orientation    # one module
      crosstrain build 03-funnel-handoff --mode assessment   # also writes course/learner-lib
    """
    from crosstrain.grading.build import build as run

    for built in run(modules, course_root, MODULES_DIR, progress=not quiet, mode=mode):
        what = "built" if built.status == "built" else "unchanged, nothing to do"
        click.echo(f"{built.module}: {what} (release: {built.release})")


@click.command("validate")
@click.argument("modules", nargs=-1)
@_course
@_quiet
@click.option("--mutants", is_flag=True,
              help="Mutation-test the graders instead: mutate each reference answer, fail below 95% killed.")
@click.option("--per-exercise", type=click.IntRange(min=1), default=None,
              help="With --mutants: at most this many mutants per exercise (a fixed-seed sample; default 60).")
def validate(modules, course_root, quiet, mutants, per_exercise) -> None:
    """Prove MODULES' graders (all if none) through nbgrader's real autograde.

    The reference solution must earn full marks, the blank release zero, and every
    known-wrong answer in graders/ must lose its exercise's points. Exits 1 on any failure.

    With --mutants, each reference answer cell is mutated instead (a comparison, an
    aggregate, a filter, a number or date, a denominator, missing values, a join) and
    every mutant whose answer differs from the reference is graded by the exercise's own
    test; at least 95% of them must lose half of the points, per module.

    \b
    Examples:
      crosstrain validate 00-orientation
      crosstrain validate --mutants                # all modules, about a CPU-minute
      CROSSTRAIN_WORLD=large crosstrain validate   # prove the graders on another world
    """
    if mutants:
        _mutants(modules, per_exercise, quiet)
        return
    from crosstrain.grading.validate import format_report
    from crosstrain.grading.validate import validate as run

    reports = run(modules, course_root, MODULES_DIR, GRADERS_DIR, progress=not quiet)
    _conclude(reports, format_report, "validation failed for", "all graders proven for")


def _mutants(modules, per_exercise, quiet) -> None:
    from crosstrain.grading.mutation.score import PER_EXERCISE, format_mutation_report, run_mutants

    reports = run_mutants(modules, MODULES_DIR, per_exercise or PER_EXERCISE, progress=not quiet)
    _conclude(reports, format_mutation_report, "mutation testing failed for",
              "every module kills at least 95% of its wrong mutants:")


def _conclude(reports, formatted, failed_for: str, passed_for: str) -> None:
    """Each module's report, then one line naming the modules that failed (exit 1) or passed."""
    for report in reports:
        click.echo(formatted(report) + "\n")
    failed = [r.module for r in reports if not r.ok]
    if failed:
        click.echo(f"{failed_for} {', '.join(failed)}", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"{passed_for} {', '.join(r.module for r in reports)}")
