"""The ``crosstrain`` command: parses arguments and calls the library, nothing more.

Each verb lives in its own module here and is registered in ``VERBS``.
"""

from __future__ import annotations

import sys

import click

from crosstrain.cli import course as _course
from crosstrain.cli import data as _data
from crosstrain.cli import demo as _demo
from crosstrain.cli import grade as _grade
from crosstrain.cli import gradebook as _gradebook
from crosstrain.cli import learner as _learner
from crosstrain.cli import workshop as _workshop
from crosstrain.errors import CrosstrainError

VERBS = [_demo.demo, _data.data, _course.build, _course.validate, _grade.grade, _gradebook.gradebook, _learner.lab, _learner.progress, _learner.submit, _workshop.workshop]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="crosstrain")
def cli() -> None:
    """Cross-train marketing and sales people on a synthetic CRM, graded with nbgrader.

    \b
    Examples:
      crosstrain data generate            # build the default CRM world
      crosstrain data describe tiny       # summarise a world
    """


for _verb in VERBS:
    cli.add_command(_verb)


def main(argv: list[str] | None = None) -> None:
    """Entry point: user errors become one line on stderr and exit status 2."""
    try:
        code = cli.main(args=argv, prog_name="crosstrain", standalone_mode=False)
    except CrosstrainError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    # Without standalone mode click returns a command's exit code instead of exiting.
    if isinstance(code, int) and code:
        sys.exit(code)
