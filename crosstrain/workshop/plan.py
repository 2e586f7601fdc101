"""``crosstrain workshop plan``: an agenda for a live session, in Markdown and HTML.

The agenda comes from the syllabus's workshop minutes fitted to the session
(``timing``), and each module gets facilitator notes (``notes``): goals from the
syllabus objectives, discussion prompts and a team exercise from ``workshops/notes/``,
the answers to expect computed from the course's default world, and the common
mistakes the graders know. Objection handling on the plan brings role-play rounds;
otherwise they are offered as an optional block when time allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crosstrain.course.catalog import is_written, resolve_all
from crosstrain.course.syllabus import Module, load_syllabus
from crosstrain.course.variants import Assignment
from crosstrain.errors import CrosstrainError
from crosstrain.paths import COURSE_DIR, GRADERS_DIR, MODULES_DIR
from crosstrain.workshop import timing
from crosstrain.workshop.html import markdown_to_html, page, write
from crosstrain.workshop.laer import CHECKLIST, POOR_RESPONSES
from crosstrain.workshop.notes import (
    NOTES_DIR,
    expected_answers,
    known_mistakes,
    read_notes,
)
from crosstrain.workshop.spoken import plain_words

MAX_TEAMS = 40
BLOCK_PARTS = (("goals and warm-up", 0.2), ("team exercise", 0.5), ("debrief: answers and common mistakes", 0.3))
ROLEPLAY_INTRO = 3
ROUNDS = 3
ROUND_PARTS = (("read the card", 0.2), ("role-play", 0.45), ("observer's feedback with the LAER checklist", 0.35))


@dataclass
class WorkshopPlan:
    title: str
    markdown: str
    notes: list[str] = field(default_factory=list)  # fitting decisions and gaps, for the terminal
    modules: list[str] = field(default_factory=list)  # the modules the session covers (the leaderboard's)


def is_objection_handling(module: Module) -> bool:
    return module.id.startswith("05-") or "objection" in module.title.lower()


def make_plan(modules: str, minutes: int, teams: int, *, course_root: Path = COURSE_DIR, notes_dir: Path = NOTES_DIR,
              graders_dir: Path = GRADERS_DIR, modules_dir: Path = MODULES_DIR, world=None,
              assignment: Assignment | None = None, team_worlds: dict | None = None) -> WorkshopPlan:
    """The plan for ``modules`` (``"03,05"``) in ``minutes`` with ``teams`` teams.

    With a per-team ``assignment``, ``team_worlds`` (team -> World) gives each team's
    answers side by side in the notes."""
    if not 1 <= teams <= MAX_TEAMS:
        raise CrosstrainError(f"--teams {teams}: use between 1 and {MAX_TEAMS} teams")
    chosen = resolve_all(load_syllabus(course_root), modules, modules_dir)
    fitted = timing.fit([timing.Want(m.id, m.workshop_minutes, is_objection_handling(m)) for m in chosen], minutes)
    kept = [m for m in chosen if m.id in fitted.blocks]
    if world is None:
        from crosstrain.world.load import load_world

        world = load_world("default", progress=False)
    gaps = [f"{m.id}: module not written yet" for m in kept if not is_written(m.id, modules_dir)]
    gaps += [f"{m.id}: no facilitator notes yet (workshops/notes/{m.id}.md)" for m in kept if read_notes(m.id, notes_dir) is None]
    title = "Workshop: " + ", ".join(m.title.split(":")[0] for m in kept)
    parts = [
        f"# {title}",
        "",
        f"**Session:** {minutes} minutes, {teams} team{'s' * (teams != 1)}. "
        f"**Modules:** {', '.join(m.id for m in kept)}. **Answers from:** the `{world.name}` world (seed {world.seed}).",
        "",
        *[f"> {line}" for line in fitted.notes + gaps],
        "",
        *_data_section(assignment),
        "## Agenda",
        "",
        _agenda(kept, fitted, minutes, teams),
        "",
        "## Facilitator notes",
    ]
    for module in kept:
        parts += ["", _module_notes(module, fitted.blocks[module.id], teams, notes_dir, graders_dir, modules_dir, world,
                                    team_worlds or {}, assignment)]
        if fitted.roleplay and not fitted.roleplay_optional and is_objection_handling(module):
            parts += ["", _roleplay(fitted.roleplay, False, teams)]  # where the agenda runs it
    if fitted.roleplay and fitted.roleplay_optional:
        parts += ["", _roleplay(fitted.roleplay, True, teams)]
    return WorkshopPlan(title, "\n".join(parts).rstrip() + "\n", fitted.notes + gaps, [m.id for m in kept])


def write_plan(plan: WorkshopPlan, out_dir: Path | str) -> tuple[Path, Path]:
    out = Path(out_dir)
    md = write(out / "agenda.md", plan.markdown)
    css = "@media print { h2 { break-before: page; } h2:first-of-type { break-before: auto; } }"
    html = write(out / "agenda.html", page(plan.title, markdown_to_html(plan.markdown), css))
    return md, html


# -- the agenda -------------------------------------------------------------------

def _agenda(modules: list[Module], fitted: timing.Fit, minutes: int, teams: int) -> str:
    groups: list[list[tuple[int, str]]] = [[(fitted.welcome, f"Welcome; form {teams} team{'s' * (teams != 1)}; the session's goals")]]
    for module in modules:
        block = fitted.blocks[module.id]
        parts = timing.split(block, tuple(s for _, s in BLOCK_PARTS))
        groups.append([(m, f"{module.id}: {label}") for (label, _), m in zip(BLOCK_PARTS, parts)])
        if fitted.roleplay and not fitted.roleplay_optional and is_objection_handling(module):
            groups.append([(fitted.roleplay, f"Role-play: objection handling, {ROUNDS} rounds in trios")])
    if fitted.roleplay and fitted.roleplay_optional:
        groups.append([(fitted.roleplay, f"Optional role-play: objection handling, {ROUNDS} rounds in trios (drop it if running late)")])
    if fitted.buffer:
        groups.append([(fitted.buffer, "Buffer: open questions, catch-up on the team exercises")])
    groups.append([(fitted.wrap_up, "Wrap-up: one thing each team will use on Monday; what to do before the next module")])
    if fitted.breaks:
        groups.insert(_break_at(groups, minutes), [(fitted.breaks, "Break")])
    rows, clock = ["| Time | Minutes | Block |", "|---|---|---|"], 0
    for group in groups:
        for length, label in group:
            rows.append(f"| {clock // 60}:{clock % 60:02d} | {length} | {label} |")
            clock += length
    rows.append(f"| {clock // 60}:{clock % 60:02d} | | End |")
    return "\n".join(rows)


def _break_at(groups: list[list[tuple[int, str]]], minutes: int) -> int:
    """The boundary between blocks closest to the middle of the session."""
    best, elapsed, best_gap = 1, 0, None
    for index, group in enumerate(groups[:-1], start=1):
        elapsed += sum(m for m, _ in group)
        gap = abs(elapsed - minutes / 2)
        if index > 1 and (best_gap is None or gap < best_gap):
            best, best_gap = index, gap
    return best


# -- per module -------------------------------------------------------------------

def _module_notes(module: Module, block: int, teams: int, notes_dir: Path, graders_dir: Path, modules_dir: Path, world,
                  team_worlds: dict, assignment: Assignment | None) -> str:
    notes = read_notes(module.id, notes_dir)
    out = [f"### {module.id}: {module.title} ({block} minutes)", ""]
    if not is_written(module.id, modules_dir):
        out += ["*This module is not written yet: its notebook, answers and graders will appear once it is.*", ""]
    if notes is None:
        out += [f"*No facilitator notes for this module yet (`workshops/notes/{module.id}.md` is missing): "
                "run the notebook's exercises as the team exercise and use the goals below for discussion.*", ""]
    out += ["**Goals** (from the syllabus):", ""]
    out += [f"- {o.text} *(exercises: {', '.join(o.exercises)})*" for o in module.objectives] or ["- (none listed)"]
    if notes is not None:
        prompts = notes.bullets("discussion prompts")
        if prompts:
            out += ["", "**Discussion prompts:**", "", *[f"- {p}" for p in prompts]]
        exercise = notes.section("team exercise")
        if exercise:
            out += ["", "**Team exercise:**", "", exercise]
        briefs = notes.bullets("team briefs")
        if briefs:
            out += ["", "**Team briefs:**", "", *[f"- Team {i + 1}: {briefs[i % len(briefs)]}" for i in range(teams)]]
    answers = _team_answers(module.id, team_worlds) if team_worlds else _answers(module.id, world, assignment)
    out += ["", *answers, "", *_mistakes(module.id, graders_dir)]
    if notes is not None and notes.section("facilitator tips"):
        out += ["", "**Facilitator tips:**", "", notes.section("facilitator tips")]
    return "\n".join(out)


def _answers(module_id: str, world, assignment: Assignment | None = None) -> list[str]:
    found = expected_answers(module_id, world)
    if not found.answers:
        return [f"**Answers to expect:** {found.missing}."]
    where = ("the shared world; every learner has their own world today, so their numbers differ: "
             "`crosstrain grade` checks each on theirs" if assignment is not None
             else "the default world; a learner on another world gets other numbers")
    rows = [f"**Answers to expect** ({where}):", "",
            "| Exercise | Question | Answer | Points |", "|---|---|---|---|"]
    rows += [f"| {a.exercise} | {_cell(a.question)} | {_cell(a.answer)} | {a.points:g} |" for a in found.answers]
    return rows


def _team_answers(module_id: str, team_worlds: dict) -> list[str]:
    """One column of answers per team: each team works on its own world."""
    by_team = {team: expected_answers(module_id, world) for team, world in team_worlds.items()}
    first = next(iter(by_team.values()))
    if not first.answers:
        return [f"**Answers to expect:** {first.missing}."]
    teams = list(by_team)
    rows = ["**Answers to expect, per team** (each team has its own world, so its own numbers):", "",
            "| Exercise | Question | " + " | ".join(f"Team {_cell(t)}" for t in teams) + " | Points |",
            "|---|---|" + "---|" * len(teams) + "---|"]
    for index, answer in enumerate(first.answers):
        cells = [_cell(by_team[t].answers[index].answer) for t in teams]
        if len(set(cells)) == 1 and len(cells) > 1:  # a question about concepts, not the data
            cells = [cells[0] + " *(every team)*"] + ["same"] * (len(cells) - 1)
        rows.append(f"| {answer.exercise} | {_cell(answer.question)} | " + " | ".join(cells) + f" | {answer.points:g} |")
    return rows


def _data_section(assignment: Assignment | None) -> list[str]:
    """Who works on which world, and the one command each learner runs."""
    if assignment is None:
        return []
    out = ["## Data: " + ("a world per team" if assignment.variant == "per-team" else "a world per learner"), ""]
    if assignment.variant == "per-team":
        members: dict[str, list[str]] = {}
        for learner, team in sorted(assignment.teams.items()):
            members.setdefault(team, []).append(learner)
        out += ["Each team works on its own world (same recipe, its own seed), so numbers differ between teams "
                "and a copied answer is a wrong one. Compare methods in the debriefs, not numbers.", "",
                "| Team | Seed | Members |", "|---|---|---|"]
        out += [f"| {_cell(team)} | {seed} | {_cell(', '.join(members[team]))} |" for team, seed in assignment.seeds().items()]
    else:
        out += ["Each learner works on their own world (same recipe, their own seed), so no two learners share numbers. "
                "Compare methods in the debriefs, not numbers."]
    out += ["", "Each learner starts with `crosstrain lab --learner THEIR_ID` (on JupyterHub this is automatic); "
            "the first cell of every notebook then says whose data it loaded. `crosstrain grade` grades each learner "
            "on their own world (from `course/data-variants.json`).", ""]
    return out


def _mistakes(module_id: str, graders_dir: Path) -> list[str]:
    found = known_mistakes(module_id, graders_dir)
    if not found:
        return ["**Common mistakes:** none recorded yet in `graders/`."]
    rows = [f"**Common mistakes** (the known-wrong answers in `graders/{module_id}/wrong/`):", ""]
    for exercise, mistakes in found.items():
        rows.append(f"- {exercise}: " + "; ".join(plain_words(m.description) for m in mistakes))
    return rows


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# -- role-play --------------------------------------------------------------------

def _roleplay(minutes: int, optional: bool, teams: int) -> str:
    per_round = max(3, (minutes - ROLEPLAY_INTRO) // ROUNDS)
    parts = timing.split(per_round, tuple(s for _, s in ROUND_PARTS))
    out = [f"### Role-play: objection handling ({minutes} minutes{', optional' if optional else ''})", ""]
    if optional:
        out += ["*Optional: objection handling is not on today's plan; run this if the session is on time.*", ""]
    out += [
        f"Each of the {teams} team{'s' * (teams != 1)} splits into trios: a **buyer**, a **rep** and an **observer** "
        "(a fourth or fifth member observes too). Roles rotate every round, so after "
        f"{ROUNDS} rounds everyone has played each one.",
        "",
        f"- Introduction ({ROLEPLAY_INTRO} minutes): LAER in one sentence per step; hand out the cards face down.",
        *[f"- Each round ({per_round} minutes): {', '.join(f'{label} ({m} min)' for (label, _), m in zip(ROUND_PARTS, parts))}."
          ],
        "- The buyer reads the card's objection in their own words and keeps the category secret; the rep must find it by exploring.",
        f"- Cards: `crosstrain workshop cards --count {teams * 6}` (three per trio, up to two trios per team).",
        "",
        "**Observer's LAER checklist** (tick what the rep did, in order):",
        "",
        "| Step | Look for | Seen? |",
        "|---|---|---|",
        *[f"| {step} | {what} | |" for step, what in CHECKLIST],
        "",
        f"**Poor responses to flag:** {', '.join(POOR_RESPONSES)}. Feel-Felt-Found only after the objection is clarified.",
    ]
    return "\n".join(out)
