"""``crosstrain demo``: the README's main job."""

from __future__ import annotations

import click


@click.command()
def demo() -> None:
    """Run the whole course once: world, build, a simulated cohort, grading, report.

    \b
    Examples:
      crosstrain demo        # what `make demo` runs
    """
    from crosstrain.demo import run_demo

    run_demo(click.echo)
