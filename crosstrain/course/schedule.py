"""A learner path as a plan a manager can schedule: its modules, their minutes, and days.

Paths cross-train (``course/syllabus.yml``): the core is for everyone, a marketing hire
learns the sales side and a sales hire the marketing side. A day holds whole modules, up
to ``DAY_MINUTES`` of self-study, so the rest of the day stays for the job itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from crosstrain.course.catalog import ALL_PATHS, on_path
from crosstrain.course.syllabus import Module, Syllabus

#: Self-study a new hire can do in a day beside onboarding: three hours.
DAY_MINUTES = 180
CORE = "everyone"


@dataclass(frozen=True)
class PathPlan:
    """The modules of one path, in syllabus order, packed into days."""

    path: str
    description: str
    modules: tuple[Module, ...]
    days: tuple[tuple[Module, ...], ...]

    @property
    def minutes(self) -> int:
        return sum(m.self_study_minutes for m in self.modules)

    @property
    def points(self) -> float:
        return sum(m.points for m in self.modules)


def plan_path(syllabus: Syllabus, path: str, day_minutes: int = DAY_MINUTES) -> PathPlan:
    """The plan of ``path`` (``all`` is every module); an unknown path is a one-line error."""
    modules = tuple(on_path(syllabus, path))
    description = "every module of the course" if path == ALL_PATHS else syllabus.paths[path]
    return PathPlan(path, description, modules, _days(modules, day_minutes))


def _days(modules: tuple[Module, ...], day_minutes: int) -> tuple[tuple[Module, ...], ...]:
    """Whole modules, in order, each day as full as it can be without passing ``day_minutes``."""
    days: list[list[Module]] = []
    for module in modules:
        if days and sum(m.self_study_minutes for m in days[-1]) + module.self_study_minutes <= day_minutes:
            days[-1].append(module)
        else:
            days.append([module])
    return tuple(map(tuple, days))


def plan_lines(plan: PathPlan) -> list[str]:
    """The plan as lines to print: the total, the core and the path's own modules, then one line a day."""
    hours, minutes = divmod(plan.minutes, 60)
    lines = [f"path '{plan.path}' ({plan.description}): {len(plan.modules)} modules, {plan.minutes} minutes "
             f"of self-study ({hours} h {minutes:02d}), {plan.points:g} points, {len(plan.days)} days"]
    core = [m.id for m in plan.modules if CORE in m.paths]
    own = [m.id for m in plan.modules if CORE not in m.paths]
    if core and own:
        lines.append(f"  core, for everyone: {', '.join(core)}")
        label = "the rest" if plan.path == ALL_PATHS else "this path's own"
        lines.append(f"  {label}: {', '.join(own)}")
    for number, day in enumerate(plan.days, 1):
        total = sum(m.self_study_minutes for m in day)
        lines.append(f"  day {number} ({total} min): " + ", ".join(f"{m.id} {m.self_study_minutes}" for m in day))
    return lines
