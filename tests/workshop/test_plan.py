"""The workshop plan: syllabus timings, notes, answers from the world, mistakes from graders/."""

from __future__ import annotations

import pytest

from crosstrain.errors import CrosstrainError
from crosstrain.workshop.notes import known_mistakes, read_notes
from crosstrain.workshop.plan import make_plan, write_plan
from crosstrain.workshop.spoken import plain_words


@pytest.fixture
def plan(course, default_world):
    return make_plan("00,05", 120, 4, course_root=course, world=default_world)


def test_agenda_fits_the_minutes_with_the_roleplay(plan):
    agenda = plan.markdown.split("## Agenda")[1].split("## Facilitator notes")[0]
    rows = [line.split("|") for line in agenda.splitlines() if line.startswith("| ") and line[2].isdigit()]
    minutes = [int(r[2]) for r in rows if r[2].strip()]
    assert sum(minutes) == 120
    assert rows[-1][3].strip() == "End" and rows[-1][1].strip() == "2:00"
    assert "Role-play: objection handling, 3 rounds in trios" in agenda
    assert "| Break |" in agenda


def test_gaps_are_said_not_hidden(plan):
    assert "05-objection-handling: module not written yet" in plan.notes
    assert "05-objection-handling: no facilitator notes yet (workshops/notes/05-objection-handling.md)" in plan.notes
    assert "*This module is not written yet" in plan.markdown
    assert "**Answers to expect:** no exercises are registered for this module yet." in plan.markdown


def test_notes_goals_answers_and_mistakes_for_module_00(plan, default_world):
    text = plan.markdown
    assert "Load the course's CRM and use self-checks and hints." in text  # a syllabus objective
    notes = read_notes("00-orientation")
    for prompt in notes.bullets("discussion prompts"):
        assert f"- {prompt}" in text
    briefs = notes.bullets("team briefs")
    assert f"- Team 4: {briefs[3 % len(briefs)]}" in text
    assert f"| q1 | How many leads are in the CRM? | {len(default_world.leads):,} | 1 |" in text
    inbound = default_world.leads[default_world.leads.source_channel != "outbound"]
    share = inbound.mql_at.notna().mean()  # q2: the MQL share of inbound leads
    assert f"| {share:.1%} |" in text  # a share read as a percentage
    for mistakes in known_mistakes("00-orientation").values():
        for mistake in mistakes:
            assert plain_words(mistake.description) in text
    assert "counted accounts (companies) instead of leads" in text


def test_roleplay_has_roles_rounds_and_laer(plan):
    roleplay = plan.markdown.split("### Role-play")[1]
    for word in ("**buyer**", "**rep**", "**observer**", "| Listen |", "| Acknowledge |", "| Explore |", "| Respond |"):
        assert word in roleplay
    assert "crosstrain workshop cards --count 24" in roleplay


def test_roleplay_is_optional_without_module_05(course, default_world):
    made = make_plan("00", 120, 2, course_root=course, world=default_world)
    assert "Optional role-play" in made.markdown and "*Optional: objection handling is not on today's plan" in made.markdown


def test_trimmed_modules_are_named(course, default_world):
    made = make_plan("00,05", 50, 2, course_root=course, world=default_world)
    assert any(n.startswith("trimmed 05-objection-handling") for n in made.notes)
    assert "### 05-objection-handling" not in made.markdown and "Role-play" not in made.markdown
    assert "### 00-orientation" in made.markdown


def test_written_as_markdown_and_html(plan, tmp_path):
    md, html = write_plan(plan, tmp_path / "out")
    assert md.read_text() == plan.markdown
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<table>" in page and "<h2>Agenda</h2>" in page


def test_unknown_module_lists_the_known_ones(course, default_world):
    with pytest.raises(CrosstrainError) as err:
        make_plan("00,07", 120, 4, course_root=course, world=default_world)
    assert str(err.value) == "unknown module '07': the syllabus lists 00-orientation, 05-objection-handling (not written yet)"


def test_bad_teams_is_one_line(course, default_world):
    with pytest.raises(CrosstrainError, match="--teams 0"):
        make_plan("00", 120, 0, course_root=course, world=default_world)


def test_cli_writes_both_files_and_errors_in_one_line(course, cli, tmp_path):
    ok = cli("workshop", "plan", "--modules", "00", "--minutes", "45", "--teams", "3", "--out", str(tmp_path / "p"), "--course", str(course))
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "p" / "agenda.md").is_file() and (tmp_path / "p" / "agenda.html").is_file()
    bad = cli("workshop", "plan", "--modules", "03,05", "--minutes", "120", "--course", str(course))
    assert bad.returncode == 2
    assert bad.stderr.strip() == "error: unknown module '03': the syllabus lists 00-orientation, 05-objection-handling (not written yet)"


def test_every_written_module_has_complete_facilitator_notes():
    """A workshop on any module gets prompts, a team exercise, one brief per team role and tips."""
    from crosstrain.course.catalog import is_written
    from crosstrain.course.syllabus import load_syllabus
    from crosstrain.paths import COURSE_DIR

    written = [m for m in load_syllabus(COURSE_DIR).modules if is_written(m)]
    assert len(written) >= 9
    for module_id in written:
        notes = read_notes(module_id)
        assert notes is not None, f"workshops/notes/{module_id}.md is missing"
        assert len(notes.bullets("discussion prompts")) >= 3, module_id
        assert len(notes.section("team exercise")) > 200, module_id
        assert len(notes.bullets("team briefs")) >= 3, module_id
        assert notes.bullets("facilitator tips"), module_id
