"""The README's main job: everything a newcomer needs to see the course work.

For now: build the default world and summarise it. As the course engine lands
this grows into the full demo (build the course, grade a simulated cohort).
"""

from __future__ import annotations

from crosstrain.world.describe import summary
from crosstrain.world.load import load_world


def run_demo(echo=print) -> None:
    echo("crosstrain demo: building the course's default CRM world (a few seconds the first time)")
    world = load_world("default")
    echo(summary(world))
    echo("")
    echo(f"Tables are in {world.path}/parquet and {world.path}/csv.")
    echo("In a notebook: from crosstrain import load_world; world = load_world(); world.leads.head()")
