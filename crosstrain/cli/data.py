"""``crosstrain data``: generate, describe and validate CRM worlds."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group()
def data() -> None:
    """Generate, describe and validate synthetic CRM worlds.

    \b
    Examples:
      crosstrain data generate                 # the course's default world
      crosstrain data generate tiny --seed 42  # a small world with another seed
      crosstrain data generate large --out /tmp/big --format parquet
      crosstrain data describe                 # what the default world holds
      crosstrain data validate tiny            # check keys, ordering and history
      crosstrain data claims --seeds 20        # prove every claim the prose makes about the data
    """


@data.command()
@click.argument("recipe", default="default")
@click.option("--seed", help="Random seed (a whole number); the recipe's own seed if omitted.")
@click.option("--leads", help="Number of leads; other sizes scale with it.")
@click.option("--variant", type=click.Choice(["clean", "raw"]), default="clean", show_default=True,
              help="raw adds realistic data-quality faults for a cleaning exercise.")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: datasets/generated/<name>).")
@click.option("--format", "formats", multiple=True, type=click.Choice(["parquet", "csv"]),
              help="File formats to write (repeatable; default both).")
@click.option("--force", is_flag=True, help="Replace the output folder if it already has content.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def generate(recipe, seed, leads, variant, out, formats, force, quiet) -> None:
    """Generate a world from RECIPE: a preset (tiny, default, large) or a .toml file.

    \b
    Examples:
      crosstrain data generate
      crosstrain data generate tiny --seed 7 --out /tmp/tiny
      crosstrain data generate default --variant raw
    """
    from crosstrain.world.generate import generate as build
    from crosstrain.world.generate import world_dir
    from crosstrain.world.load import World
    from crosstrain.world.recipe import load_recipe

    base = load_recipe(recipe)
    chosen = base.with_overrides(seed=seed, leads=leads)
    if leads is not None and out is None:
        chosen = chosen.with_overrides(name=f"{base.name}-{chosen.sizes['leads']}")
    target = out or world_dir(chosen, variant, base)
    path = build(chosen, target, variant=variant, formats=formats or ("parquet", "csv"), force=force, progress=not quiet)
    _describe(World(path))


@data.command()
@click.argument("world", default="default")
def describe(world) -> None:
    """Summarise WORLD (a preset name or a world folder), generating a preset if needed.

    \b
    Examples:
      crosstrain data describe
      crosstrain data describe datasets/generated/tiny
    """
    from crosstrain.world.load import load_world

    _describe(load_world(world))


def _describe(world) -> None:
    """The world's summary, and retention by segment (defined above the world: see course.retention)."""
    from crosstrain.course.retention import summary_line
    from crosstrain.world.describe import summary

    click.echo(summary(world))
    click.echo(summary_line(world))


@data.command()
@click.argument("world", default="default")
def validate(world) -> None:
    """Check WORLD's keys, date ordering and history; exit 1 if anything is broken.

    \b
    Examples:
      crosstrain data validate tiny
      crosstrain data validate datasets/generated/default-raw   # lists the injected faults
    """
    from crosstrain.world.checks import problems
    from crosstrain.world.load import load_world

    loaded = load_world(world)
    found = problems(loaded)
    if not found:
        click.echo(f"{loaded.name}: all integrity checks pass ({sum(loaded.row_counts.values()):,} rows)")
        return
    for problem in found:
        click.echo(f"  {problem}")
    raise click.exceptions.Exit(1)


@data.command()
@click.option("--seeds", default=20, show_default=True, type=click.IntRange(1), help="How many seeds to evaluate.")
@click.option("--preset", default="default", show_default=True, help="Recipe preset whose worlds are evaluated.")
@click.option("--first-seed", default=1, show_default=True, type=int, help="Seeds are FIRST-SEED, FIRST-SEED+1, ...")
@click.option("--markdown", is_flag=True, help="Print the datasheet's calibration table, measured on the preset's own world, instead.")
def claims(seeds, preset, first_seed, markdown) -> None:
    """Evaluate every claim the prose makes about the data on many seeds; exit 1 if one fails.

    \b
    Examples:
      crosstrain data claims                     # 20 seeds of the default preset
      crosstrain data claims --seeds 2 --preset tiny
      crosstrain data claims --markdown        # refresh DATASHEET.md's calibration table
    """
    from crosstrain.course.claims import CLAIMS
    from crosstrain.course.claims.calibration import markdown_table
    from crosstrain.course.claims.evaluate import evaluate
    from crosstrain.course.claims.report import summary, table
    from crosstrain.world.generate import build_world
    from crosstrain.world.load import load_world

    chosen = range(first_seed, first_seed + seeds)
    if markdown:
        click.echo(markdown_table(load_world(preset, progress=False)))
        return
    # Built in memory: the claims read the tables only, so no seed's world is written to disk.
    with click.progressbar(chosen, label=f"Generating and measuring {seeds} {preset} worlds", file=sys.stderr) as bar:
        outcomes = evaluate(CLAIMS, (build_world(preset, seed=seed) for seed in bar))
    click.echo(table(outcomes))
    click.echo(summary(outcomes, seeds))
    if any(outcome.fails for outcome in outcomes):
        raise click.exceptions.Exit(1)
