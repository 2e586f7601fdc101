"""Data variants: one seeded world per team or per learner, so answers cannot be copied.

A workshop may give every team (``per-team``) or every learner (``per-learner``) a world
of its own: the same recipe, another seed. Numbers then differ between teams, so a
copied answer is a wrong answer, while the lessons (whose prose never quotes a number)
read the same. Not to be confused with the world's ``clean``/``raw`` variant, which is
about injected data faults.

Who gets which seed is the course's *data assignment*, ``<course>/data-variants.json``,
written by ``crosstrain workshop plan --variant ...``. Seeds are derived, not drawn:
``derive_seed(base seed, salt, team or learner)``, so the same plan always gives the
same worlds and a learner's seed never needs to travel anywhere but here.

Three places follow the assignment:

- ``crosstrain lab --learner ID`` records the learner's *seat* in the workspace
  (``.crosstrain/seat.json``) and starts JupyterLab with ``CROSSTRAIN_SEED`` set;
- a notebook's ``start()`` loads ``CROSSTRAIN_SEED`` (or the seat's seed): self-checks
  and hidden tests recompute from that world;
- ``crosstrain grade`` runs each learner's kernel with their assigned seed and re-checks
  their answers against that same world.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from crosstrain.course.atomic import write_text_atomic
from crosstrain.errors import CrosstrainError

VARIANTS = ("shared", "per-team", "per-learner")
ASSIGNMENT_FILE = "data-variants.json"
SEAT_FILE = Path(".crosstrain") / "seat.json"
SEED_ENV = "CROSSTRAIN_SEED"
WORLD_ENV = "CROSSTRAIN_WORLD"


def derive_seed(base_seed: int, key: str, salt: str = "") -> int:
    """A world seed for ``key`` (a team or a learner), stable across machines and runs."""
    digest = hashlib.sha256(f"crosstrain-variant\0{base_seed}\0{salt}\0{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


@dataclass(frozen=True)
class Assignment:
    """Which world each learner works on in this course."""

    variant: str                              # per-team or per-learner
    world: str                                # the preset every variant starts from
    base_seed: int                            # that preset's own seed
    salt: str = ""                            # another salt, other worlds (a new cohort)
    teams: dict[str, str] = field(default_factory=dict)   # learner -> team (per-team needs it)

    def __post_init__(self):
        if self.variant not in VARIANTS[1:]:
            raise CrosstrainError(f"unknown data variant '{self.variant}': choose per-team or per-learner")
        if self.variant == "per-team" and not self.teams:
            raise CrosstrainError("per-team data needs a roster (learner_id,team) so the grader knows each learner's team")

    def key_for(self, learner: str) -> str | None:
        """The team or learner whose world ``learner`` works on; None when not placed."""
        if self.variant == "per-learner":
            return learner
        return self.teams.get(learner)

    def seed_for(self, learner: str) -> int | None:
        key = self.key_for(learner)
        return None if key is None else derive_seed(self.base_seed, key, self.salt)

    def seeds(self) -> dict[str, int]:
        """Seed per team (per-team) or per rostered learner (per-learner)."""
        keys = sorted(set(self.teams.values())) if self.variant == "per-team" else sorted(self.teams)
        return {key: derive_seed(self.base_seed, key, self.salt) for key in keys}

    def describe(self, learner: str) -> str:
        if self.variant == "per-team":
            return f"team {self.teams[learner]}'s own world"
        return "your own world"

    def to_json(self) -> str:
        data = {"variant": self.variant, "world": self.world, "base_seed": self.base_seed, "salt": self.salt,
                "teams": dict(sorted(self.teams.items())), "seeds": self.seeds()}
        return json.dumps(data, indent=2) + "\n"


def assignment_path(course_root: Path) -> Path:
    return Path(course_root) / ASSIGNMENT_FILE


def load_assignment(course_root: Path) -> Assignment | None:
    """The course's data assignment, or None when everyone shares one world."""
    path = assignment_path(course_root)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        assignment = Assignment(str(data["variant"]), str(data["world"]), int(data["base_seed"]),
                                str(data.get("salt", "")), {str(k): str(v) for k, v in dict(data.get("teams", {})).items()})
    except (ValueError, KeyError, TypeError, AttributeError):
        raise CrosstrainError(f"{path} is damaged: write it again with `crosstrain workshop plan --variant ...`, "
                              f"or delete it to give everyone the shared world") from None
    return assignment


def save_assignment(course_root: Path, assignment: Assignment | None) -> Path:
    """Write (or, for None, remove) the course's data assignment, atomically."""
    path = assignment_path(course_root)
    if assignment is None:
        path.unlink(missing_ok=True)
    else:
        write_text_atomic(path, assignment.to_json())
    return path


# -- the learner's side: the seat in a workspace, the seed a kernel loads ------------
@dataclass(frozen=True)
class Seat:
    """One learner's place in a variant workshop, kept in their workspace."""

    learner: str
    world: str
    seed: int
    label: str                                 # "team red's own world", "your own world"


def read_seat(workspace: Path) -> Seat | None:
    path = Path(workspace) / SEAT_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Seat(str(data["learner"]), str(data["world"]), int(data["seed"]), str(data["label"]))
    except (ValueError, KeyError, TypeError):
        raise CrosstrainError(f"{path} is damaged: run `crosstrain lab --learner YOUR_ID` again to rewrite it") from None


def write_seat(workspace: Path, seat: Seat) -> Path:
    path = Path(workspace) / SEAT_FILE
    write_text_atomic(path, json.dumps(seat.__dict__, indent=2) + "\n")
    return path


def seat_of(assignment: Assignment | None, learner: str | None) -> Seat | None:
    """The seat ``learner`` takes in this course, None when the course shares one world."""
    if assignment is None:
        return None
    if not learner:
        raise CrosstrainError(f"this course gives each {'team' if assignment.variant == 'per-team' else 'learner'} its own data: "
                              "start with `crosstrain lab --learner YOUR_ID` so your notebooks load your world")
    seed = assignment.seed_for(learner)
    if seed is None:
        raise CrosstrainError(f"learner '{learner}' is on no team of this workshop's roster: check the spelling, "
                              "or ask your trainer to add you")
    return Seat(learner, assignment.world, seed, assignment.describe(learner))


def kernel_world(cwd: Path | None = None) -> tuple[str | None, int | None, str]:
    """The preset and seed a notebook loads, and a label for the learner (None: the defaults).

    The environment wins (``CROSSTRAIN_WORLD``/``CROSSTRAIN_SEED``, set by ``crosstrain
    lab``, the hub and the grader); otherwise the seat of the workspace around ``cwd``,
    so a Lab started by hand still loads the learner's own world.
    """
    seat = find_seat(Path(cwd or Path.cwd()))
    preset = os.environ.get(WORLD_ENV, "").strip() or (seat.world if seat else None)
    value = os.environ.get(SEED_ENV, "").strip()
    if not value:
        return preset, (seat.seed if seat else None), (seat.label if seat else "")
    try:
        seed = int(value)
    except ValueError:
        raise CrosstrainError(f"{SEED_ENV}='{value}' is not a whole number: unset it, or give the seed your trainer gave you") from None
    return preset, seed, (seat.label if seat and seat.seed == seed else f"the world of seed {seed}")


def find_seat(start: Path) -> Seat | None:
    """The seat of the workspace holding ``start`` (a module folder in it, say), if any."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / SEAT_FILE).is_file():
            return read_seat(folder)
    return None
