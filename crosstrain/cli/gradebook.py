"""``crosstrain gradebook migrate --to URL``: move a course's SQLite gradebook to a shared server."""

from __future__ import annotations

from pathlib import Path

import click

from crosstrain.paths import COURSE_DIR


@click.group("gradebook")
def gradebook() -> None:
    """The course's nbgrader gradebook (SQLite by default, or PostgreSQL for several trainers)."""


@gradebook.command("migrate")
@click.option("--to", "target", required=True, metavar="URL",
              help="The empty database to move to, e.g. postgresql://trainer@db.example/crosstrain.")
@click.option("--course", "course_root", type=click.Path(path_type=Path), default=COURSE_DIR,
              help="The course folder whose gradebook.db moves.", show_default=False)
def migrate(target, course_root) -> None:
    """Copy every table of the course's SQLite gradebook into an empty database, compare
    every row, and say how to point the course at it.

    \b
    Examples:
      crosstrain gradebook migrate --to postgresql://trainer@localhost/crosstrain
    """
    from crosstrain.course.config import DB_URL_ENV, require_course, with_driver
    from crosstrain.errors import CrosstrainError
    from crosstrain.grading.migrate import copy, shown

    db = require_course(course_root).resolve() / "gradebook.db"
    if not db.is_file():
        raise CrosstrainError(f"no gradebook at {db}: build the course first (crosstrain build)")
    copied = copy(f"sqlite:///{db}", with_driver(target))
    tables = ", ".join(f"{name} {n}" for name, n in copied.rows.items() if n)
    click.echo(f"copied {copied.total} rows, each compared with {db.name}: {tables}")
    click.echo(f"now point the course at it: export {DB_URL_ENV}={shown(target)} (or db_url in course/settings.yml)")
