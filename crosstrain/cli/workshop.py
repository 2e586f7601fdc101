"""``crosstrain workshop plan|cards|leaderboard``: handouts for a live session."""

from __future__ import annotations

from pathlib import Path

import click

from crosstrain.paths import COURSE_DIR

_course = click.option("--course", "course_root", type=click.Path(path_type=Path), default=COURSE_DIR,
                       help="The course folder (nbgrader's course root).", show_default=False)


@click.group("workshop")
def workshop() -> None:
    """Plan a live session, print objection cards, project a leaderboard.

    \b
    Examples:
      crosstrain workshop plan --modules 03,05 --minutes 120 --teams 4
      crosstrain workshop cards --count 24
      crosstrain workshop leaderboard --by team --teams roster.csv
    """


@workshop.command("plan")
@click.option("--modules", required=True, help="Module ids or numbers, comma-separated (e.g. 03,05).")
@click.option("--minutes", type=int, required=True, help="Length of the session in minutes.")
@click.option("--teams", type=int, default=4, show_default=True, help="Number of teams in the room.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("workshop-plan"), show_default=True,
              help="Folder for agenda.md and agenda.html.")
@_course
def plan(modules, minutes, teams, out_dir, course_root) -> None:
    """Write an agenda (Markdown and HTML) with facilitator notes per module.

    \b
    Examples:
      crosstrain workshop plan --modules 00 --minutes 45 --teams 3
      crosstrain workshop plan --modules 03,05 --minutes 120 --teams 4 --out plan/
    """
    from crosstrain.workshop.plan import make_plan, write_plan

    made = make_plan(modules, minutes, teams, course_root=course_root)
    for line in made.notes:
        click.echo(f"note: {line}")
    md, html = write_plan(made, out_dir)
    click.echo(f"wrote {md} and {html}")


@workshop.command("cards")
@click.option("--count", type=int, default=24, show_default=True, help="How many cards to deal.")
@click.option("--seed", type=int, default=1, show_default=True, help="Another seed deals another deck.")
@click.option("--world", "world_name", default="default", show_default=True, help="World preset or folder to deal from.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("workshop-cards"), show_default=True,
              help="Folder for cards.html.")
def cards(count, seed, world_name, out_dir) -> None:
    """Write printable objection cards (HTML) dealt from the world's call notes.

    \b
    Examples:
      crosstrain workshop cards --count 12 --out cards/
    """
    from crosstrain import load_world
    from crosstrain.workshop.cards import write_cards

    path, dealt = write_cards(load_world(world_name, progress=False), count, out_dir, seed)
    click.echo(f"wrote {len(dealt)} cards to {path}: print it from a browser")


@workshop.command("leaderboard")
@click.option("--by", type=click.Choice(["learner", "team"]), default="learner", show_default=True)
@click.option("--teams", "roster", type=click.Path(path_type=Path), default=None,
              help="Roster CSV with the columns learner_id,team (needed with --by team).")
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=Path("leaderboard.html"), show_default=True)
@click.option("--refresh", type=click.IntRange(min=5), default=30, show_default=True, help="Seconds between page reloads.")
@click.option("--watch", is_flag=True, help="Keep rewriting the page as the gradebook changes (Ctrl-C stops).")
@_course
def leaderboard(by, roster, out_file, refresh, watch, course_root) -> None:
    """Write a self-refreshing leaderboard page from the gradebook (opt-in).

    \b
    Examples:
      crosstrain workshop leaderboard --out board.html
      crosstrain workshop leaderboard --by team --teams roster.csv --watch
    """
    from crosstrain.workshop import leaderboard as board

    if not watch:
        click.echo(f"wrote {board.write_board(out_file, by, roster, course_root, refresh)}")
        return
    try:
        board.watch(out_file, by, roster, course_root, refresh, on_write=lambda p: click.echo(f"updated {p}"))
    except KeyboardInterrupt:
        click.echo("stopped")
