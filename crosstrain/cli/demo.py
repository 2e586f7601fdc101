"""``crosstrain demo``: the README's main job."""

from __future__ import annotations

import click


@click.command()
def demo() -> None:
    """Set up the course's default world and show what the course can do.

    \b
    Examples:
      crosstrain demo        # what `make demo` runs
    """
    from crosstrain.demo import run_demo

    run_demo(click.echo)
