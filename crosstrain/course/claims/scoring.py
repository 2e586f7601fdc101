"""Claims about lead scoring and qualification (module 04): the fit points the world uses, why
a bar fitted to past outcomes rediscovers the old MQL rule, and the reasons sales records."""

from __future__ import annotations

import pandas as pd

from crosstrain.course.claims.frames import inbound, per_world, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, at_most, between

M04 = "modules/04-lead-scoring/04-lead-scoring.py"
HALF_LIFE_DAYS = 30  # module 04's decay


def _fit_gap(world, column: str, low, high) -> float:
    leads = world.leads
    fit = leads.groupby(column)["fit_score"].mean()
    return float(fit[high] - fit[low])


def _free_mail_gap(world) -> float:
    leads = world.leads
    free = leads["email"].str.endswith("@freemail.example")
    return float(leads.loc[~free, "fit_score"].mean() - leads.loc[free, "fit_score"].mean())


def _unsubscribes(world) -> float:
    return float(world.touchpoints["event_type"].str.contains("unsub").sum())


@per_world
def _today_scores(world) -> pd.Series:
    """Fit plus engagement halved every 30 days of age to the reference date (module 04 q1), inbound leads."""
    funnel = world.info["recipe"]["funnel"]
    points = dict(zip(funnel["event_types"], funnel["event_points"]))
    touches = world.touchpoints
    age_days = (world.reference_date - touches["occurred_at"]).dt.total_seconds() / 86400
    engagement = (touches["event_type"].map(points) * 0.5 ** (age_days / HALF_LIFE_DAYS)).groupby(touches["lead_id"]).sum()
    leads = inbound(world).set_index("lead_id")
    return leads["fit_score"] + engagement.reindex(leads.index, fill_value=0.0)


def _f1(chosen: pd.Series, truth: pd.Series) -> float:
    return ratio(2 * (chosen & truth).sum(), chosen.sum() + truth.sum())


@per_world
def _best_bar(world) -> int:
    scores, truth = _today_scores(world), _opportunity(world)
    return max(range(0, 201), key=lambda bar: _f1(scores >= bar, truth))


def _opportunity(world) -> pd.Series:
    return inbound(world).set_index("lead_id")["opportunity_id"].notna()


def _mql(world) -> pd.Series:
    return inbound(world).set_index("lead_id")["mql_at"].notna()


def _old_rule_beats_best_bar(world) -> float:
    truth = _opportunity(world)
    return ratio(_f1(_mql(world), truth), _f1(_today_scores(world) >= _best_bar(world), truth))


def _over_best_bar_were_mqls(world) -> float:
    return rate(_mql(world)[_today_scores(world) >= _best_bar(world)])


def _grid(world, flags: pd.Series) -> pd.Series:
    leads = inbound(world)
    labels = ["low", "medium", "high"]
    fit = pd.cut(leads["fit_score"], [0, 40, 60, 101], right=False, labels=labels)
    engagement = pd.cut(leads["engagement_score"], [0, 10, 30, 101], right=False, labels=labels)
    return flags.groupby([fit, engagement], observed=False).mean()


def _empty_cells_had_no_mql(world) -> float:
    """The highest MQL rate among the grid's cells where no lead became an opportunity (nan if none is empty)."""
    leads = inbound(world)
    conversion = _grid(world, leads["opportunity_id"].notna())
    mql = _grid(world, leads["mql_at"].notna())
    return float(mql[conversion == 0].max()) if (conversion == 0).any() else float("nan")


def _touches_after_mql(world) -> float:
    """Share of converted inbound leads' scored touches (before the deal opened) that came after their MQL."""
    leads = inbound(world)
    leads = leads[leads["opportunity_id"].notna()]
    opened = leads["opportunity_id"].map(world.opportunities.set_index("opportunity_id")["created_at"])
    touches = world.touchpoints.merge(pd.DataFrame({"lead_id": leads["lead_id"], "mql_at": leads["mql_at"],
                                                   "opened": opened}), on="lead_id")
    touches = touches[touches["occurred_at"] < touches["opened"]]
    return rate(touches["occurred_at"] > touches["mql_at"])


def _reasons(world, status: str) -> pd.Series:
    leads = world.leads
    return leads.loc[leads["status"] == status, "rejection_reason"].value_counts()


def _no_budget_over_next(world) -> float:
    reasons = _reasons(world, "disqualified")
    return ratio(reasons.get("no_budget", 0), reasons.drop("no_budget", errors="ignore").max())


def _no_budget_share(world) -> float:
    reasons = _reasons(world, "disqualified")
    return ratio(reasons.get("no_budget", 0), reasons.sum())


def _bad_timing_share(world) -> float:
    reasons = _reasons(world, "rejected")
    return ratio(reasons.get("bad_timing", 0), reasons.sum())


def _free_mail_rejected_as_bad_fit(world) -> float:
    """Share of rejected free-mail MQLs (students and buyers who moved on aside) rejected as bad_fit."""
    leads = world.leads
    free = leads["email"].str.endswith("@freemail.example")
    chosen = leads[(leads["status"] == "rejected") & free & (leads["seniority"] != "student")
                   & (leads["rejection_reason"] != "bad_timing")]
    return rate(chosen["rejection_reason"] == "bad_fit")


def _students_rejected(world) -> float:
    leads = world.leads
    return float(((leads["status"] == "rejected") & (leads["rejection_reason"] == "student")).sum())


def _mql_under_the_rule(world) -> float:
    """MQL rate of inbound leads whose mean of fit and (final) engagement is under 45: engagement only grows."""
    leads = inbound(world)
    return rate(leads.loc[(leads["fit_score"] + leads["engagement_score"]) / 2 < 45, "mql_at"].notna())


CLAIMS = [
    Claim("scoring.student_fit_penalty", M04, "students about 22 points below an individual contributor",
          "Students' mean fit is about 22 points below individual contributors' (19-26).",
          lambda w: _fit_gap(w, "seniority", "student", "individual_contributor"), between(19, 26), unit="number"),
    Claim("scoring.free_mail_fit_penalty", M04, "free-mail addresses about 12 below work addresses",
          "Free-mail leads' mean fit is about 12 points below work addresses' (9.5-14.5).",
          _free_mail_gap, between(9.5, 14.5), unit="number"),
    Claim("scoring.no_unsubscribes", M04, "it records no unsubscribes",
          "No touchpoint records an unsubscribe.", _unsubscribes, at_most(0), unit="number"),
    Claim("scoring.opportunities_were_mqls", M04, "every inbound lead that became an opportunity was an\n# MQL first",
          "Every inbound lead with an opportunity had reached MQL.",
          lambda w: rate(_mql(w)[_opportunity(w)]), at_least(1.0)),
    Claim("scoring.best_bar_rediscovers_the_rule", M04, "your F1-best bar were MQLs already",
          "Of the inbound leads over the F1-best bar on today's score, most (over 60%) were MQLs under the old rule.",
          _over_best_bar_were_mqls, at_least(0.6)),
    Claim("scoring.old_rule_beats_best_bar", M04, "the old MQL label itself scores a higher F1",
          "The old MQL label scores a higher F1 against becoming an opportunity than the best bar on today's score.",
          _old_rule_beats_best_bar, at_least(1.05), unit="ratio"),
    Claim("scoring.empty_cells_had_no_mql", M04, "the cells where no lead became an opportunity are cells where no lead\n# became an MQL",
          "In 04's fit x engagement grid, every cell without an opportunity also has no MQL (highest MQL rate there).",
          _empty_cells_had_no_mql, at_most(0.0)),
    Claim("scoring.touches_after_mql", M04, "about a tenth of the touches",
          "About a tenth (7-14%) of converted inbound leads' scored touches came after their MQL.",
          _touches_after_mql, between(0.07, 0.14)),
    Claim("scoring.no_budget_top_disqualification", M04, "`no_budget` is the most common reason",
          "no_budget is the most common disqualification reason (over the next most common).",
          _no_budget_over_next, at_least(1.02), unit="ratio"),
    Claim("scoring.no_budget_share", M04, "close to 3 in 10 disqualifications",
          "no_budget is 22-34% of disqualifications.", _no_budget_share, between(0.22, 0.34)),
    Claim("scoring.rejections_mostly_bad_timing", M04, "almost every rejection is `bad_timing`",
          "Over 85% of rejected MQLs are rejected as bad_timing (the buyer had moved on).",
          _bad_timing_share, at_least(0.85)),
    Claim("scoring.free_mail_rejected_as_bad_fit", M04, "SDRs reject free-mail MQLs as `bad_fit`",
          "Rejected free-mail MQLs (students and bad timing aside) are all rejected as bad_fit.",
          _free_mail_rejected_as_bad_fit, at_least(1.0)),
    Claim("scoring.students_get_through", M04, "SDRs reject the few that get through as `student`",
          "A few students reach MQL every year and are rejected as student (at least one).",
          _students_rejected, at_least(1), unit="number"),
    Claim("scoring.old_mql_rule", M04, "the mean of fit and engagement at 45 or more",
          "No inbound lead whose mean of fit and engagement is under 45 became an MQL.",
          _mql_under_the_rule, at_most(0.0)),
]
