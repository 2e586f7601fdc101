"""``crosstrain workshop plan|cards|leaderboard``: handouts for a live session."""

from __future__ import annotations

from pathlib import Path

import click

from crosstrain.errors import CrosstrainError
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
@click.option("--teams", type=int, default=None, help="Number of teams in the room (default: the roster's, else 4).")
@click.option("--variant", type=click.Choice(["per-team", "per-learner", "shared"]), default=None,
              help="Give each team or learner its own seeded world (shared: back to one world for all).")
@click.option("--roster", "roster_file", type=click.Path(path_type=Path), default=None,
              help="CSV learner_id,team: who is on which team (needed for --variant per-team).")
@click.option("--salt", default="", help="Any text: another salt gives every team other worlds (e.g. one per cohort).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("workshop-plan"), show_default=True,
              help="Folder for agenda.md and agenda.html.")
@_course
def plan(modules, minutes, teams, variant, roster_file, salt, out_dir, course_root) -> None:
    """Write an agenda (Markdown and HTML) with facilitator notes per module.

    With --variant per-team (and a --roster) or per-learner, each team or learner gets
    its own seeded world, so answers cannot be copied: the plan lists the teams' seeds
    and answers, `crosstrain lab --learner ID` and the hub load each learner's world,
    and `crosstrain grade` grades each learner on theirs (course/data-variants.json).

    \b
    Examples:
      crosstrain workshop plan --modules 00 --minutes 45 --teams 3
      crosstrain workshop plan --modules 03,05 --minutes 120 --teams 4 --out plan/
      crosstrain workshop plan --modules 03 --minutes 90 --variant per-team --roster roster.csv
      crosstrain workshop plan --modules 03 --minutes 90 --variant per-learner --salt cohort-7
    """
    from crosstrain.course.variants import (
        assignment_path,
        load_assignment,
        save_assignment,
    )
    from crosstrain.workshop.plan import make_plan, write_plan
    from crosstrain.workshop.variants import variant_worlds

    roster = None
    if roster_file is not None:
        from crosstrain.workshop.roster import read_roster

        roster = read_roster(roster_file)
    if variant is None and roster is not None:
        raise CrosstrainError("--roster is for --variant per-team or per-learner: add one, or drop --roster")
    assignment = _new_assignment(variant, roster, salt, course_root) if variant else load_assignment(course_root)
    worlds = variant_worlds(assignment) if assignment is not None else {}  # generated now, not in the first lesson
    if teams is None:
        teams = len(set(roster.values())) if roster else (len(worlds) if assignment and assignment.variant == "per-team" else 4)
    made = make_plan(modules, minutes, teams, course_root=course_root, assignment=assignment,
                     team_worlds=worlds if assignment is not None and assignment.variant == "per-team" else None)
    if variant:
        saved = save_assignment(course_root, assignment)
        click.echo(f"data: {'one shared world for everyone' if assignment is None else assignment.variant + ' worlds'}"
                   f"{'' if assignment is None else ', saved in ' + str(saved)}")
    elif assignment is not None:
        click.echo(f"data: {assignment.variant} worlds, as {assignment_path(course_root)} says (--variant shared to stop)")
    for line in made.notes:
        click.echo(f"note: {line}")
    md, html = write_plan(made, out_dir)
    click.echo(f"wrote {md} and {html}")
    from crosstrain.workshop.session import save_session

    click.echo(f"the leaderboard scores {', '.join(made.modules)} ({save_session(course_root, made.title, made.modules)})")


def _new_assignment(variant: str, roster, salt: str, course_root: Path):
    """Who works on which world from now on (None: one shared world)."""
    from crosstrain.course.config import require_course
    from crosstrain.notebook.session import world_preset
    from crosstrain.workshop.variants import make_assignment

    require_course(course_root)
    if variant == "per-team" and roster is None:
        raise CrosstrainError("--variant per-team needs --roster ROSTER.csv (columns learner_id,team): "
                              "the grader must know each learner's team")
    return make_assignment(variant, world_preset(), roster, salt)


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
    from crosstrain.workshop.cards import write_cards
    from crosstrain.world.load import load_world

    path, dealt = write_cards(load_world(world_name, progress=False), count, out_dir, seed)
    click.echo(f"wrote {len(dealt)} cards to {path}: print it from a browser")


@workshop.command("leaderboard")
@click.option("--by", type=click.Choice(["learner", "team"]), default="learner", show_default=True)
@click.option("--teams", "roster", type=click.Path(path_type=Path), default=None,
              help="Roster CSV with the columns learner_id,team (for --by team; a per-team workshop plan already has it).")
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=Path("leaderboard.html"), show_default=True)
@click.option("--refresh", type=click.IntRange(min=5), default=30, show_default=True, help="Seconds between page reloads.")
@click.option("--watch", is_flag=True, help="Keep rewriting the page as the gradebook changes (Ctrl-C stops).")
@click.option("--modules", default=None,
              help="Modules to score, comma-separated (default: the last workshop plan's, else those handed in).")
@_course
def leaderboard(by, roster, out_file, refresh, watch, modules, course_root) -> None:
    """Write a self-refreshing leaderboard page from the gradebook (opt-in).

    \b
    Examples:
      crosstrain workshop leaderboard --out board.html
      crosstrain workshop leaderboard --by team --teams roster.csv --watch
    """
    from crosstrain.workshop import leaderboard as board

    if not watch:
        click.echo(f"wrote {board.write_board(out_file, by, roster, course_root, refresh, modules)}")
        return
    try:
        board.watch(out_file, by, roster, course_root, refresh, on_write=lambda p: click.echo(f"updated {p}"), modules=modules)
    except KeyboardInterrupt:
        click.echo("stopped")
