"""Claims about deal qualification and pipeline: MEDDPICC, slips, coverage, forecast categories."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import closed, new_business, per_world, rate, ratio, slips
from crosstrain.course.claims.registry import Claim, at_least, at_most, between, restated
from crosstrain.world.schema import DEAL_STAGES

DATASHEET = "datasets/DATASHEET.md"
M04 = "modules/04-lead-scoring/04-lead-scoring.py"
M06 = "modules/06-pipeline/06-pipeline.py"
NOTES06 = "workshops/notes/06-pipeline.md"


def _meddpicc_lift(world) -> float:
    deals = closed(world)
    complete = deals[[c for c in deals.columns if c.startswith("has_")]].sum(axis=1)
    return ratio(rate(deals.loc[complete >= 6, "is_won"]), rate(deals.loc[complete <= 2, "is_won"]))


def _no_economic_buyer(world) -> float:
    deals = closed(world)
    return rate(deals.loc[~deals["has_economic_buyer"], "is_won"])


def _slip_win_rates(world) -> tuple[float, float]:
    deals = closed(world)
    count = slips(world).reindex(deals["opportunity_id"]).to_numpy()
    return rate(deals["is_won"][count >= 2]), rate(deals["is_won"][count == 0])


def _recent_value_win_rate(world, segment: str | None = None) -> float:
    """Won amount over closed amount, deals closed in the last 365 days (module 06's rate)."""
    deals = closed(world)
    recent = deals[deals["close_date"] >= world.reference_date - pd.Timedelta(days=365)]
    if segment is not None:
        recent = recent[recent["segment"] == segment]
    return ratio(recent.loc[recent["is_won"], "amount"].sum(), recent["amount"].sum())


def _category_follows_stage(world) -> float:
    """Share of stages whose deals all carry one forecast category."""
    deals = world.opportunities
    return rate(deals.groupby("stage")["forecast_category"].nunique() == 1)


OPEN_STAGES = ["prospecting", "qualification", "needs_analysis", "value_proposition", "id_decision_makers",
               "perception_analysis", "proposal_price_quote", "negotiation_review"]
STAGE_ANCHOR = "Stages are a process: a lost deal leaves from an exit stage"


@per_world  # three claims read it
def stage_win_rates(world) -> pd.Series:
    """Per open stage, the share won of closed deals whose history reached it (a lesson's table)."""
    deals = closed(world)
    history = world.opportunity_history
    reached = history[history["opportunity_id"].isin(deals["opportunity_id"]) & history["stage"].isin(OPEN_STAGES)]
    reached = reached.drop_duplicates(["opportunity_id", "stage"])
    outcome = reached["opportunity_id"].map(deals.set_index("opportunity_id")["is_won"])
    return outcome.groupby(reached["stage"]).mean().reindex(OPEN_STAGES)


def _above_configured(world, stages: list[str]) -> pd.Series:
    """Per stage, the share won from it minus its configured probability, in points."""
    return 100 * stage_win_rates(world)[stages] - pd.Series(DEAL_STAGES)[stages]


def _booked_share(world) -> float:
    """Won amount closed from the quarter's first day to the reference date, over the AEs' quota."""
    deals, today = world.opportunities, pd.Timestamp(world.reference_date)
    won = deals[deals["is_won"].fillna(False).astype(bool)]
    booked = won.loc[(won["close_date"] >= today.to_period("Q").start_time) & (won["close_date"] <= today), "amount"].sum()
    users = world.users
    return ratio(booked, users.loc[users["role"] == "ae", "quarterly_quota"].sum())


def _exit_stages(world) -> pd.Series:
    """The last open stage of each lost deal, from its history."""
    deals = closed(world)
    lost = deals.loc[~deals["is_won"], "opportunity_id"]
    history = world.opportunity_history
    rows = history[history["opportunity_id"].isin(lost) & history["stage"].isin(OPEN_STAGES)]
    return rows.sort_values("changed_at", kind="stable").groupby("opportunity_id")["stage"].last()


def _pulled_in(world) -> float:
    """Share of deals whose close date moved earlier while they were open."""
    history = world.opportunity_history.sort_values(["opportunity_id", "changed_at"], kind="stable")
    history = history[~history["stage"].isin(["closed_won", "closed_lost"])]
    earlier = history["close_date"] < history.groupby("opportunity_id")["close_date"].shift()
    return rate(earlier.groupby(history["opportunity_id"]).any().reindex(new_business(world)["opportunity_id"], fill_value=False))


def _open_completeness_lift(world) -> float:
    """Mean MEDDPICC elements of open deals in the last four stages over the first two."""
    deals = new_business(world)[~new_business(world)["is_closed"]]
    complete = deals[[c for c in deals.columns if c.startswith("has_")]].sum(axis=1)
    late, early = deals["stage"].isin(OPEN_STAGES[4:]), deals["stage"].isin(OPEN_STAGES[:2])
    return ratio(complete[late].mean(), complete[early].mean())


MEDDPICC_LIFT = Claim("pipeline.meddpicc_lift", M04, "Among closed deals, more elements mean a higher win rate",
                      "Closed deals with 6+ MEDDPICC elements win over twice as often as those with 2 or fewer.",
                      _meddpicc_lift, at_least(2.0), unit="ratio")
SLIPS_WIN_LESS = Claim("pipeline.slips_win_less", M06, "the more a deal slips the less often it wins",
                       "Closed deals that slipped twice or more win less often than those that never slipped.",
                       lambda w: ratio(*_slip_win_rates(w)), at_most(0.9), unit="ratio")
PROSPECTING_UNDERSTATED = Claim(
    "pipeline.prospecting_understated", DATASHEET, "prospecting is set at 10%, about a fifth of deals that reach it win",
    "About a fifth of the deals that reach prospecting win, twice its configured 10%.",
    lambda w: float(stage_win_rates(w)["prospecting"]), between(0.16, 0.30))
NEGOTIATION_OVERSTATED = Claim(
    "pipeline.negotiation_overstated", DATASHEET, "and overstate late ones",
    "Deals that reach negotiation win less often than the configured 90%.",
    lambda w: float(stage_win_rates(w)["negotiation_review"]), between(0.7, 0.9))

CLAIMS = [
    MEDDPICC_LIFT,
    restated(MEDDPICC_LIFT, "pipeline.meddpicc_lift_datasheet", DATASHEET, "MEDDPICC completeness raises the win rate"),
    Claim("pipeline.no_economic_buyer", DATASHEET, "no economic buyer rarely wins (about 7%)",
          "Closed deals without an economic buyer win about 7% of the time.",
          _no_economic_buyer, between(0.02, 0.12)),
    SLIPS_WIN_LESS,
    restated(SLIPS_WIN_LESS, "pipeline.slips_win_less_datasheet", DATASHEET, "Deals that slip their close date repeatedly win less"),
    restated(SLIPS_WIN_LESS, "pipeline.slipped_twice_memo", M06, "less often than deals that never slipped. Action"),
    Claim("pipeline.coverage_needed_above_rule", NOTES06, "A coverage needed well above the 3x rule of thumb is not a bug",
          "The coverage needed (1 / last year's win rate by value) is well above 3x.",
          lambda w: ratio(1, _recent_value_win_rate(w)), at_least(3.6), unit="ratio"),
    Claim("pipeline.enterprise_needs_more_coverage", M06, "Enterprise, with its lower win rate, needs more coverage than SMB",
          "Enterprise needs more coverage than SMB (coverage needed, enterprise over SMB).",
          lambda w: ratio(_recent_value_win_rate(w, "smb"), _recent_value_win_rate(w, "enterprise")), at_least(1.1), unit="ratio"),
    Claim("pipeline.stage_win_rates_rise", DATASHEET, STAGE_ANCHOR,
          "The share of deals won from a stage rises with the stage (rank correlation of stage order and win rate).",
          lambda w: float(stage_win_rates(w).rank().reset_index(drop=True).corr(pd.Series(range(len(OPEN_STAGES)), dtype=float))),
          at_least(0.9), unit="number"),
    PROSPECTING_UNDERSTATED,
    restated(PROSPECTING_UNDERSTATED, "pipeline.early_stages_win_more_than_configured", M06,
             "early\n#   stages win more often than configured"),
    NEGOTIATION_OVERSTATED,
    restated(NEGOTIATION_OVERSTATED, "pipeline.late_stages_win_less_than_configured", M06, "late stages less often"),
    Claim("pipeline.losses_early", DATASHEET, "most lost deals leave from the first three stages",
          "Most lost deals leave from the first three stages.",
          lambda w: rate(_exit_stages(w).isin(OPEN_STAGES[:3])), between(0.5, 0.7)),
    Claim("pipeline.pull_ins_exist", DATASHEET, "about one deal in seven has its close date pulled in",
          "About one deal in seven has its close date pulled in while open.",
          _pulled_in, between(0.09, 0.20)),
    Claim("pipeline.meddpicc_grows_with_stage", DATASHEET, "later-stage open deals show more elements",
          "Open deals in the last four stages show more MEDDPICC elements than those in the first two.",
          _open_completeness_lift, at_least(1.5), unit="ratio"),
    Claim("pipeline.early_stages_ten_points_above", M06, "win at least 10 points more often than configured",
          "Each of the first three stages wins at least 10 points more often than its configured probability.",
          lambda w: float(_above_configured(w, OPEN_STAGES[:3]).min()), at_least(10.0), unit="number"),
    Claim("pipeline.later_stages_not_above", M06, "from value proposition on, no stage wins",
          "From value proposition on, no stage wins more than 3 points above its configured probability.",
          lambda w: float(_above_configured(w, OPEN_STAGES[3:]).max()), at_most(3.0), unit="number"),
    Claim("pipeline.later_stages_mostly_below", M06, "more than a few points above its configured probability and most win less",
          "From value proposition on, most stages win less often than configured.",
          lambda w: rate(_above_configured(w, OPEN_STAGES[3:]) < 0), at_least(0.6)),
    Claim("pipeline.booked_mid_quarter", M06, "between a tenth and four fifths of it",
          "At the reference date, six weeks into the quarter, the won amount booked since the quarter began is "
          "between a tenth and four fifths of the AEs' quarterly quota.",
          _booked_share, between(0.10, 0.80)),
    Claim("pipeline.coverage_needed_above_rule_memo", M06, "is well above the 3x rule of",
          "The coverage needed (1 / last year's win rate by value) is well above 3x.",
          lambda w: ratio(1, _recent_value_win_rate(w)), at_least(3.6), unit="ratio"),
    Claim("pipeline.category_follows_stage", M06, "In this CRM the category follows the",
          "Every stage maps to one forecast category.",
          _category_follows_stage, at_least(1.0)),
]
