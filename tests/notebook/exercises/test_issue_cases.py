"""The wrong answers a skeptical trainer tried (issue 13), each graded as it should be now.

Known-wrong answers keep at most half of the points (their exercise's core mistake none),
untested mistakes do not pass, and where two mistakes give one value the message names
both. Every value is computed on the world; every answer is code a learner would write,
run in the notebook's own namespace before its answer cell.
"""

from __future__ import annotations

import pytest
from test_alignment import PROOF as ALIGNMENT
from test_funnel_handoff import PROOF as FUNNEL
from test_lead_scoring import PROOF as LEAD_SCORING
from test_measuring import PROOF as MEASURING
from test_orientation import PROOF as ORIENTATION
from test_pipeline import PROOF as PIPELINE
from test_two_teams import PROOF as TWO_TEAMS

from crosstrain.course.claims import CLAIMS
from crosstrain.notebook.capture import as_plain
from crosstrain.notebook.exercise import PARTIAL_CAP

PROOFS = {p.module: p for p in (ORIENTATION, TWO_TEAMS, MEASURING, FUNNEL, LEAD_SCORING, PIPELINE, ALIGNMENT)}

#: Issue 13's "known-wrong answers keep most of their points": the known-wrong file of each.
KEPT_MOST = [("03-funnel-handoff", "q4", "drop_never"), ("02-measuring", "q8", "no_zero_bookings"),
             ("02-measuring", "q6", "leads_denominator"), ("01-two-teams", "q2", "coverage_is_marketing"),
             ("00-orientation", "q5", "ae_qualifies"), ("08-alignment", "q1", "win_rate_first")]


def _matched(exercise, answer, world) -> set[str]:
    """The named mistakes whose value on ``world`` the answer is."""
    return {m.name for m in exercise.mistakes if exercise.kind.score(as_plain(answer), as_plain(m.compute(world))) >= 1}


def _wrong(proof, name: str, mistake: str):
    return next(w for w in proof.wrong if w.exercise == name and w.mistake == mistake)


@pytest.mark.parametrize(("module", "name", "mistake"), KEPT_MOST, ids=[f"{m[:2]}-{n}-{k}" for m, n, k in KEPT_MOST])
def test_a_known_wrong_answer_keeps_at_most_half(module, name, mistake, default_world):
    proof = PROOFS[module]
    wrong, exercise = _wrong(proof, name, mistake), proof.exercises[name]
    answer = proof.answer(default_world, name, wrong.code)
    assert exercise.score(answer, default_world) <= (0.0 if wrong.core else PARTIAL_CAP)
    assert mistake in _matched(exercise, answer, default_world)


#: Issue 13's "untested mistakes pass": learner code for each; ``{end}``, ``{start}`` are the
#: last complete quarter's first and last day, as a learner would type them.
UNTESTED = {
    "02 q8 drops the quarter's last day": ("02-measuring", "q8", (
        "quarter = world.reference_date.to_period('Q') - 1\n"
        "quota = world.quotas[world.quotas.quarter == str(quarter)].set_index('user_id').quota\n"
        "wins = deals[deals.is_won]\n"
        "in_quarter = wins[(wins.close_date >= '{start}') & (wins.close_date <= '{end}')]\n"
        "attainment = in_quarter.groupby('owner_id').amount.sum().reindex(quota.index, fill_value=0) / quota")),
    "01 q7 largest average deal": ("01-two-teams", "q7", (
        "won = world.opportunities[world.opportunities.is_won]\nicp_segment = won.groupby('segment').amount.mean().idxmax()")),
    "01 q8 largest average deal": ("01-two-teams", "q8", (
        "won = world.opportunities[world.opportunities.is_won].merge(world.accounts[['account_id', 'industry']], on='account_id')\n"
        "icp_industry = won.groupby('industry').amount.mean().idxmax()")),
    "06 q1 no filter on open deals": ("06-pipeline", "q1", (
        "in_quarter = deals[(deals.close_date >= quarter_start) & (deals.close_date <= quarter_end)]\n"
        "weighted = (in_quarter.amount * in_quarter.stage.map(DEAL_STAGES).astype(float) / 100).sum()")),
    "06 q1 counting from the quarter's start": ("06-pipeline", "q1", (
        "in_quarter = open_deals[(open_deals.close_date >= quarter_start) & (open_deals.close_date <= quarter_end)]\n"
        "weighted = (in_quarter.amount * in_quarter.stage.map(DEAL_STAGES).astype(float) / 100).sum()")),
    "06 q1 the quarter number without the year": ("06-pipeline", "q1", (
        "in_quarter = open_deals[open_deals.close_date.dt.quarter == today.quarter]\n"
        "weighted = (in_quarter.amount * in_quarter.stage.map(DEAL_STAGES).astype(float) / 100).sum()")),
    "06 q2 the whole quota": ("06-pipeline", "q2", (
        "closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]\n"
        "win_rate_value = recent[recent.is_won].amount.sum() / recent.amount.sum()\n"
        "coverage = {'coverage': closing.amount.sum() / team_quota, 'coverage_needed': 1 / win_rate_value,\n"
        "            'pipeline_needed': team_quota / win_rate_value}")),
    "06 q6 forecast without won-so-far": ("06-pipeline", "q6", (
        "closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]\n"
        "by_category = closing.groupby('forecast_category').amount.sum()\n"
        "commit = by_category.get('commit', 0)\n"
        "forecast = {'commit': commit, 'best_case': commit + by_category.get('best_case', 0)}")),
}


@pytest.mark.parametrize("case", list(UNTESTED))
def test_an_untested_mistake_does_not_pass(case, default_world):
    """Where the mistaken code gives another value than the right one, it loses at
    least half. Where it gives the same value, it does on every world the course generates
    (``ACCEPTED`` names the claim that proves it on 20 seeds): it is no mistake, and it
    earns full marks. A world that separated them would fail this test."""
    module, name, code = UNTESTED[case]
    proof, exercise = PROOFS[module], PROOFS[module].exercises[name]
    quarter = default_world.reference_date.to_period("Q") - 1
    code = code.replace("{start}", str(quarter.start_time.date())).replace("{end}", str(quarter.end_time.date()))
    answer = proof.answer(default_world, name, code)
    differs = exercise.share_right(answer, default_world) < 1  # from the value the grader expects
    assert differs != (case in ACCEPTED), f"{case}: update ACCEPTED"
    if differs:
        assert exercise.score(answer, default_world) <= PARTIAL_CAP, case
        assert not exercise.check(answer, default_world).correct
    else:
        assert exercise.score(answer, default_world) == 1 and exercise.check(answer, default_world).correct, case


#: The cases whose code gives the right value on every world (modules/README.md, "Accepted
#: as equivalent"), each with the claim that proves why on 20 seeds (tests/course/test_claims.py).
ACCEPTED = {"02 q8 drops the quarter's last day": "equivalent.close_dates_are_days",
            "01 q7 largest average deal": "equivalent.largest_deal_is_the_icp",
            "06 q1 counting from the quarter's start": "equivalent.open_deals_not_overdue",
            "06 q1 the quarter number without the year": "equivalent.open_deals_within_a_year"}


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_an_accepted_case_rests_on_a_claim_that_holds(case, default_world):
    claim = next(c for c in CLAIMS if c.id == ACCEPTED[case])
    assert claim.anchored() and claim.pending is None
    assert claim.expected.holds(claim.statistic(default_world)), case


#: Issue 13's "misleading feedback": a mistake whose value another mistake shares on the
#: default world was told the other one's message.
TWINS = [("04-lead-scoring", "q7", "with_buyer"), ("08-alignment", "q3", "largest_ratio")]


@pytest.mark.parametrize(("module", "name", "mistake"), TWINS, ids=[f"{m[:2]}-{n}-{k}" for m, n, k in TWINS])
def test_twin_mistakes_are_both_named(module, name, mistake, default_world):
    proof = PROOFS[module]
    exercise = proof.exercises[name]
    answer = proof.answer(default_world, name, _wrong(proof, name, mistake).code)
    message = exercise.check(answer, default_world).message
    same = _matched(exercise, answer, default_world)
    assert mistake in same
    for twin in (m for m in exercise.mistakes if m.name in same):  # its own message, and every other mistake that gives this value here
        assert twin.message.rstrip(".") in message, (twin.name, message)
