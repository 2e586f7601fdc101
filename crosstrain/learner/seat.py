"""A learner's seat in a variant workshop: which world their notebooks load.

When the course gives each team or learner its own world (``course/data-variants.json``,
see ``crosstrain.course.variants``), ``crosstrain lab --learner ID`` records the
learner's seat in the workspace and starts JupyterLab with that world in its
environment; a Lab opened some other way still finds the seat from the notebook's
folder. With no assignment, a seat left from an earlier workshop is removed, so nobody
keeps working on last week's data.
"""

from __future__ import annotations

import os
from pathlib import Path

from crosstrain.course.learners import LEARNER_ID
from crosstrain.course.variants import (
    SEAT_FILE,
    SEED_ENV,
    WORLD_ENV,
    Seat,
    load_assignment,
    read_seat,
    seat_of,
    write_seat,
)
from crosstrain.errors import CrosstrainError
from crosstrain.learner.workspace import read_manifest


def take_seat(workspace: Path, course_root: Path, learner: str | None) -> tuple[Seat | None, list[str]]:
    """The learner's seat (None: the shared world) and lines saying what changed."""
    workspace = Path(workspace).expanduser().resolve()
    previous = read_seat(workspace)
    if previous is not None and learner and learner != previous.learner:
        raise CrosstrainError(f"the workspace {workspace} is {previous.learner}'s: give {learner} their own with --workspace")
    if learner is not None and not LEARNER_ID.match(learner):
        raise CrosstrainError(f"'{learner}' is not a valid learner id: use letters, digits, '.', '-' and '@' (e.g. ana.lopez)")
    learner = learner or (previous.learner if previous else None) or read_manifest(workspace).get("learner")
    assignment = load_assignment(course_root)
    seat = seat_of(assignment, learner)
    if seat is None:
        if previous is None:
            return None, []
        (workspace / SEAT_FILE).unlink()
        return None, [f"this course no longer gives teams their own data: {learner} is back on the shared world"]
    if seat != previous:
        workspace.mkdir(parents=True, exist_ok=True)
        write_seat(workspace, seat)
    return seat, [f"{seat.learner} works on {seat.label} ({seat.world}, seed {seat.seed})"]


def prepare_world(seat: Seat, progress: bool = True) -> Path:
    """Generate the seat's world now, so the notebook's first cell loads it at once."""
    from crosstrain.world.generate import ensure_world

    return ensure_world(seat.world, seed=seat.seed, progress=progress)


def seat_environment(seat: Seat | None) -> dict[str, str]:
    """What JupyterLab's environment (and so every kernel's) must say for this seat."""
    if seat is None:
        return {}
    return {WORLD_ENV: seat.world, SEED_ENV: str(seat.seed)}


def apply_environment(seat: Seat | None) -> None:
    """Set (or clear, for the shared world) the seat's variables in this process's environment."""
    if seat is None:
        os.environ.pop(SEED_ENV, None)
        return
    os.environ.update(seat_environment(seat))
