"""Module 01's exercises: the formulas match the domain brief on hand-made rows, the
reference answers score 1 on several worlds, each known-wrong answer loses points with a
message that keeps the answer secret, and the solution notebook runs in 10 seconds."""

from __future__ import annotations

import ast
from types import SimpleNamespace

import pandas as pd
import pytest
from module_proof import ModuleProof, check_solution_notebook

from crosstrain.notebook.answers.by_key import ByKey
from crosstrain.notebook.capture import as_plain
from crosstrain.notebook.exercises.orientation.formulas import STAGE_OWNER
from crosstrain.notebook.exercises.two_teams import formulas as tt
from crosstrain.paths import MODULES_DIR
from crosstrain.world.schema import LIFECYCLE_STAGES

MODULE = "01-two-teams"


def _setup(world) -> dict:
    """What the notebook's setup cell defines."""
    import matplotlib.pyplot as plt

    return {"pd": pd, "plt": plt, "STAGE_OWNER": STAGE_OWNER, "STATUS_DESK": tt.STATUS_DESK}


PROOF = ModuleProof(MODULE, _setup, lesson=True, written_in_notebook=True, varying=("q4", "q5", "q6"))
globals().update(PROOF.tests())
EXERCISES = PROOF.exercises

# -- hand-made rows: the formulas of the domain brief -------------------------------------

def _deals_world():
    """Seven deals: smb 1 won / 1 lost / 1 open; enterprise 1 won / 2 lost / 1 open."""
    rows = [
        # id, account, segment, amount, is_closed, is_won
        ("O1", "A1", "smb", 10_000.0, True, True),
        ("O2", "A1", "smb", 5_000.0, True, False),
        ("O3", "A2", "smb", 100_000.0, False, False),   # open: in no win rate
        ("O4", "A3", "enterprise", 80_000.0, True, True),
        ("O5", "A3", "enterprise", 60_000.0, True, False),
        ("O6", "A4", "enterprise", 40_000.0, True, False),
        ("O7", "A4", "enterprise", 500_000.0, False, False),  # open
        ("O8", "A1", "smb", 9_000.0, True, True),  # an expansion of a customer: in no ICP number
    ]
    deals = pd.DataFrame(rows, columns=["opportunity_id", "account_id", "segment", "amount", "is_closed", "is_won"])
    deals["type"] = ["new_business"] * 7 + ["expansion"]
    accounts = pd.DataFrame({"account_id": ["A1", "A2", "A3", "A4"],
                             "industry": ["retail", "retail", "software", "healthcare"]})
    return SimpleNamespace(opportunities=deals, accounts=accounts)


def test_win_rate_is_won_over_won_plus_lost_and_ignores_open_deals():
    table = tt.segment_table(_deals_world())
    assert table.loc["smb", "closed"] == 2 and table.loc["enterprise", "closed"] == 3
    assert table.loc["smb", "win_rate"] == pytest.approx(1 / 2)
    assert table.loc["enterprise", "win_rate"] == pytest.approx(1 / 3)


def test_average_deal_size_is_won_amount_over_won_count():
    table = tt.segment_table(_deals_world())
    assert table.loc["smb", "avg_deal"] == pytest.approx(10_000)
    assert table.loc["enterprise", "avg_deal"] == pytest.approx(80_000)


def test_revenue_per_closed_deal_is_won_amount_over_closed_and_equals_win_rate_times_deal_size():
    table = tt.segment_table(_deals_world())
    assert table.loc["smb", "revenue_per_closed_deal"] == pytest.approx(10_000 / 2)
    assert table.loc["enterprise", "revenue_per_closed_deal"] == pytest.approx(80_000 / 3)
    product = table.win_rate * table.avg_deal
    assert product.to_dict() == pytest.approx(table.revenue_per_closed_deal.to_dict())


def test_icp_is_the_most_revenue_per_closed_deal_not_the_highest_win_rate():
    world = _deals_world()
    assert tt.icp_segment(world) == "enterprise"
    assert tt.segment_table(world).win_rate.idxmax() == "smb"


def test_segment_table_groups_by_an_account_column():
    table = tt.segment_table(_deals_world(), by="industry")
    assert table.loc["retail", "closed"] == 2  # A1's two closed deals; A2's deal is open
    assert table.loc["software", "win_rate"] == pytest.approx(1 / 2)
    assert table.loc["healthcare", "won"] == 0 and table.loc["healthcare", "revenue_per_closed_deal"] == 0


def test_icp_industry_ignores_industries_with_under_ten_percent_of_closed_deals():
    # software: 10 closed, 2 won at 50k (10k per closed deal); media: 1 closed (9% of 11), won at 500k
    amounts = [50_000.0] * 2 + [20_000.0] * 8 + [500_000.0]
    won = [True] * 2 + [False] * 8 + [True]
    accounts = ["A1"] * 10 + ["A2"]
    deals = pd.DataFrame({"account_id": accounts, "segment": "smb", "amount": amounts, "is_closed": True, "is_won": won,
                          "type": "new_business"})
    world = SimpleNamespace(opportunities=deals, accounts=pd.DataFrame({"account_id": ["A1", "A2"], "industry": ["software", "media"]}))
    assert list(tt.industry_table(world).index) == ["software"]
    assert tt.icp_industry(world) == "software"
    assert tt.segment_table(world, by="industry").revenue_per_closed_deal.idxmax() == "media"  # the no-minimum mistake
    assert tt.industry_table(world).loc["software", "revenue_per_closed_deal"] == pytest.approx(100_000 / 10)


def _desk_world():
    """Nine leads: three with marketing, two with SDRs, three converted (open, won, lost deal), one disqualified."""
    leads = pd.DataFrame({
        "lifecycle_stage": ["lead", "mql", "mql", "mql", "sal", "opportunity", "customer", "opportunity", "sql"],
        "status": ["open", "nurture", "rejected", "unworked", "working", "converted", "converted", "converted", "disqualified"],
        "opportunity_id": [None, None, None, None, None, "O1", "O2", "O3", None],
    })
    deals = pd.DataFrame({"opportunity_id": ["O1", "O2", "O3"], "stage": ["proposal_price_quote", "closed_won", "closed_lost"]})
    return SimpleNamespace(leads=leads, opportunities=deals)


def test_a_lead_is_on_the_desk_of_the_team_that_acts_next_and_closed_records_on_nobodys():
    world = _desk_world()
    assert tt.current_owner_counts(world) == {"marketing": 3, "sdr": 2, "ae": 1, "csm": 1}
    desk = tt.desk_of_leads(world)
    assert desk.isna().tolist() == [False] * 7 + [True, True]  # the lost deal's lead and the disqualified one
    # what the furthest-stage reading would say: the disqualified SQL with the SDRs, the lost deal with the AEs
    assert world.leads.lifecycle_stage.map(STAGE_OWNER).value_counts().to_dict() == {
        "marketing": 4, "sdr": 2, "ae": 2, "csm": 1}


def test_the_notebook_writes_out_the_status_desk_map():
    source = (MODULES_DIR / MODULE / f"{MODULE}.py").read_text(encoding="utf-8")
    assigned = next(node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assign)
                    and getattr(node.targets[0], "id", None) == "STATUS_DESK")
    assert ast.literal_eval(assigned.value) == tt.STATUS_DESK


def test_stage_owners_follow_the_domain_brief():
    assert STAGE_OWNER == {"lead": "marketing", "mql": "marketing", "sal": "sdr", "sql": "sdr",
                           "opportunity": "ae", "customer": "csm"}


def test_the_notebook_writes_out_the_answer_key_of_00_q5():
    """00 q5's answer is no library constant (a learner could hand it in): 01's setup cell writes the map out."""
    source = (MODULES_DIR / MODULE / f"{MODULE}.py").read_text(encoding="utf-8")
    assigned = next(node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assign)
                    and getattr(node.targets[0], "id", None) == "STAGE_OWNER")
    assert ast.literal_eval(assigned.value) == STAGE_OWNER


def test_activities_and_metrics_follow_the_domain_brief_table():
    marketing_activities = {"market_research", "positioning", "branding_and_advertising", "lead_generation_and_nurturing"}
    assert {k for k, v in tt.ACTIVITY_TEAM.items() if v == "marketing"} == marketing_activities
    marketing_metrics = {"impressions", "click_through_rate", "cost_per_lead", "mqls", "sourced_pipeline", "campaign_roi"}
    assert {k for k, v in tt.METRIC_TEAM.items() if v == "marketing"} == marketing_metrics
    assert set(tt.ACTIVITY_TEAM.values()) == set(tt.METRIC_TEAM.values()) == {"marketing", "sales"}


def test_each_lifecycle_stage_has_exactly_one_triggering_event():
    triggered = [v for v in tt.EVENT_STAGE.values() if v != "none"]
    assert sorted(triggered, key=LIFECYCLE_STAGES.index) == list(LIFECYCLE_STAGES)
    assert list(tt.EVENT_STAGE.values()).count("none") == 1


# -- the ByKey answer kind ---------------------------------------------------------------

COUNTS = ByKey(keys=lambda w: ["marketing", "sdr"], value="count", of="team", what="count")
SHARES = ByKey(keys=lambda w: ["smb", "enterprise"], value="share", of="segment", what="win rate")


def test_bykey_accepts_a_dict_or_a_series_after_the_capture_round_trip():
    expected = {"marketing": 3, "sdr": 2}
    series = pd.Series([3, 2], index=pd.Index(["marketing", "sdr"], name="lifecycle_stage"), name="count")
    for answer in (expected, series):
        plain = as_plain(answer)
        assert COUNTS.sanity(plain, None) is None
        assert COUNTS.score(plain, expected) == 1.0


def test_bykey_gives_partial_credit_per_key_and_nothing_for_other_shapes():
    assert COUNTS.score({"marketing": 3, "sdr": 99}, {"marketing": 3, "sdr": 2}) == 0.5
    assert SHARES.score({"smb": 0.5 + 1e-9, "enterprise": 0.2}, {"smb": 0.5, "enterprise": 1 / 3}) == 0.5
    assert COUNTS.score([3, 2], {"marketing": 3, "sdr": 2}) == 0.0
    assert COUNTS.score({"marketing": 3.0, "sdr": 2.0}, {"marketing": 3, "sdr": 2}) == 0.0  # counts are whole numbers
    assert COUNTS.score({"marketing": True, "sdr": 2}, {"marketing": 1, "sdr": 2}) == 0.5


def test_bykey_sanity_messages_explain_the_shape():
    assert "dict like" in COUNTS.sanity([3, 2], None)
    assert "'sdr'" in COUNTS.sanity({"marketing": 3}, None)
    assert "not a team" in COUNTS.sanity({"marketing": 3, "sdr": 2, "hr": 1}, None)
    assert "whole number" in COUNTS.sanity({"marketing": 3.0, "sdr": 2.0}, None)
    assert "between 0 and 1" in SHARES.sanity({"smb": 50.0, "enterprise": 20.0}, None)
    assert "divide by zero" in SHARES.sanity({"smb": float("nan"), "enterprise": 0.2}, None)


# -- on real worlds (the reference and the known-wrong answers: PROOF) ---------------------

def test_data_answers_match_the_library_formulas(default_world):
    table = tt.segment_table(default_world)
    assert EXERCISES["q5"].expected(default_world) == pytest.approx(table.win_rate.to_dict())
    assert EXERCISES["q6"].expected(default_world) == pytest.approx(table.revenue_per_closed_deal.to_dict())
    assert EXERCISES["q4"].expected(default_world) == tt.current_owner_counts(default_world)
    closed = (default_world.leads.status == "disqualified") | (tt.deal_stage_of_leads(default_world) == "closed_lost")
    assert sum(EXERCISES["q4"].expected(default_world).values()) == len(default_world.leads) - closed.sum() > 0


@pytest.mark.kernel
def test_solution_notebook_runs_without_errors(default_world, tmp_path):
    check_solution_notebook(MODULE, tmp_path, plots=2)


def test_the_lessons_table_is_the_formulas_by_industry_and_refuses_segment(default_world):
    """The learner's install holds ``lesson.segment_table`` (the formulas stay grader-side): the
    same table by industry and ICP tier, and none by segment, which exercises 5 to 7 ask for."""
    from crosstrain.errors import CrosstrainError
    from crosstrain.notebook.exercises.two_teams import lesson

    for by in lesson.GROUPS:
        pd.testing.assert_frame_equal(lesson.segment_table(default_world, by), tt.segment_table(default_world, by), check_dtype=False)
    with pytest.raises(CrosstrainError, match="yours to compute"):
        lesson.segment_table(default_world, "segment")
