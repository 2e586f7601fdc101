"""``crosstrain lab``, ``crosstrain progress`` and ``crosstrain submit``: the learner's day."""

from __future__ import annotations

from pathlib import Path

import click

from crosstrain.errors import CrosstrainError
from crosstrain.paths import COURSE_DIR

_workspace = click.option("--workspace", type=click.Path(path_type=Path), default=None,
                          help="The learner's folder (default: the one you are in, else ./workspace if it exists, else ~/crosstrain-workspace).")
_course = click.option("--course", "course_root", type=click.Path(path_type=Path), default=COURSE_DIR,
                       help="The course folder (nbgrader's course root).", show_default=False)


def _ws(workspace: Path | None) -> Path:
    from crosstrain.learner.workspace import default_workspace

    return workspace if workspace is not None else default_workspace()


@click.command("lab")
@click.option("--path", "path", default="all", show_default=True, help="Learner path: marketing, sales, everyone or all.")
@_workspace
@click.option("--port", type=int, default=None, help="Port for JupyterLab (default: the first free one from 8888).")
@click.option("--no-browser", is_flag=True, help="Do not open a browser; print the address instead.")
@click.option("--trainer", is_flag=True, help="The trainer's Lab: the formgrader, with course/ and the rubrics in graders/ side by side.")
@click.option("--learner", default=None, help="Your learner id, when the workshop gives each team or learner its own data.")
@_course
def lab(path, workspace, port, no_browser, trainer, learner, course_root) -> None:
    """Prepare the workspace with your path's notebooks and open JupyterLab there.

    Notebooks you have changed are never overwritten. In a workshop that gives each
    team or learner its own data, say who you are once with --learner: your notebooks
    then load your world (the workspace remembers it).

    \b
    Examples:
      crosstrain lab --path sales                 # a sales hire's modules
      crosstrain lab --learner ana                # a workshop with per-team data
      crosstrain lab --workspace ~/course --port 8899 --no-browser
      crosstrain lab --trainer                    # formgrader, course/ and graders/ rubrics
    """
    from crosstrain.learner.lab import check_port, configure, lab_argv, run, trainer_root
    from crosstrain.learner.labconfig import LEARNER, TRAINER

    if port is not None:
        check_port(port)  # before anything is copied: a clash changes nothing
    if trainer:
        if workspace is not None:
            raise CrosstrainError("--trainer starts JupyterLab in the course folder: drop --workspace")
        if learner is not None:
            raise CrosstrainError("--trainer opens the course, not a learner's workspace: drop --learner")
        root, role = trainer_root(course_root), TRAINER
    else:
        from crosstrain.grading.build import build
        from crosstrain.grading.labkernel import kernel_argv
        from crosstrain.learner.lab import open_workspace

        report = open_workspace(_ws(workspace), path, course_root, learner, build, kernel_argv, echo=click.echo)
        click.echo(f"workspace {report.workspace}: {len(report.modules)} module(s) on path '{path}'")
        _echo_plan(path, course_root)
        root, role = report.workspace, LEARNER
    env, options = configure(role, root, course_root), []
    if role == LEARNER and report.assessed:
        from crosstrain.learner.assessment import lab_config

        options, env = lab_config(root, env)
        click.echo("this Lab offers only the assessment kernel and no terminal: open practice modules in another --workspace")
    run(lab_argv(root, port, open_browser=not no_browser) + options, cwd=root, env=env)

def _echo_plan(path: str, course_root: Path) -> None:
    from crosstrain.course.schedule import plan_lines, plan_path
    from crosstrain.course.syllabus import load_syllabus

    for line in plan_lines(plan_path(load_syllabus(course_root), path)):
        click.echo(line)


@click.command("progress")
@_workspace
@_course
def progress(workspace, course_root) -> None:
    """Show which exercises are answered and self-checked, and the minutes left.

    Read from your notebooks as last saved: save (Ctrl-S) before you look.

    \b
    Examples:
      crosstrain progress
      crosstrain progress --workspace ~/course
    """
    from crosstrain.course.variants import read_seat
    from crosstrain.learner.progress import scan, table
    from crosstrain.learner.workspace import read_manifest

    click.echo(table(scan(_ws(workspace), course_root)))
    click.echo("")
    _echo_plan(read_manifest(_ws(workspace)).get("path", "all"), course_root)
    seat = read_seat(_ws(workspace))
    if seat is not None:
        click.echo(f"data: {seat.learner} works on {seat.label} ({seat.world}, seed {seat.seed})")


@click.command("submit")
@click.argument("module")
@_workspace
@click.option("--learner", default=None, help="Your learner id (letters, digits, - and .); remembered once given.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for the zip (default: the workspace's outbox/).")
@_course
def submit(module, workspace, learner, out_dir, course_root) -> None:
    """Pack MODULE's notebook into <learner>_<module>.zip to e-mail to your trainer.

    \b
    Examples:
      crosstrain submit 00-orientation --learner alice
      crosstrain submit 00                        # by number, learner remembered
    """
    from crosstrain.learner.submit import submit as pack

    done = pack(module, _ws(workspace), learner, out_dir, course_root)
    for line in done.warnings:
        click.echo(f"warning: {line}", err=True)
    click.echo(f"packed {done.archive}: send this file to your trainer")
