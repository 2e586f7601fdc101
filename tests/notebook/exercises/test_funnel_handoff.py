"""Module 03's exercises: the funnel formulas match the domain brief on hand-made rows,
the reference answers score 1 on several worlds, and each known-wrong answer loses points
with a message that keeps the answer secret."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from module_proof import ModuleProof

from crosstrain.notebook.answers.rates import RankedLabels, RateTable
from crosstrain.notebook.capture import as_plain
from crosstrain.notebook.exercises.funnel_handoff import formulas as fh

MODULE = "03-funnel-handoff"
T0 = pd.Timestamp("2025-02-01 09:00")

# The notebook's answer cells use lesson variables: the written solutions, which stand alone, are the reference.
PROOF = ModuleProof(MODULE, lambda world: {"pd": pd, "np": np}, reference="written", builds_on={"q3": ("q1",)},
                    varying=("q1", "q2", "q4", "q5"))
globals().update(PROOF.tests())
EXERCISES = PROOF.exercises


# -- hand-made rows: the formulas of the domain brief -------------------------------------

def _leads(rows):
    """rows: (channel, created, mql_h, response_h, sal_h, sql_h, opportunity_id, status, reason); hours after created."""
    cols = ["source_channel", "created_at", "mql_at", "first_response_at", "sal_at", "sql_at", "opportunity_id", "status", "rejection_reason"]
    out = []
    for channel, created, mql_h, resp_h, sal_h, sql_h, opp, status, reason in rows:
        base = pd.Timestamp(created)
        at = lambda h, base=base: base + pd.Timedelta(hours=h) if h is not None else pd.NaT
        out.append([channel, base, at(mql_h), at(resp_h), at(sal_h), at(sql_h), opp, status, reason])
    frame = pd.DataFrame(out, columns=cols)
    for col in cols[1:6]:
        frame[col] = pd.to_datetime(frame[col])
    return frame


HAND = _leads([
    # inbound cohort (created in H1 2025): 6 leads, 4 MQLs, 3 SALs, 2 SQLs, 2 opportunities, 1 won
    ("email", "2025-01-10", 10, 10.05, 11, 40, "O1", "converted", None),
    ("webinar", "2025-02-10", 5, 5.5, 6, 30, "O2", "converted", None),
    ("email", "2025-03-10", 20, 50, 51, None, None, "disqualified", "no_budget"),
    ("email", "2025-04-10", 30, 31, None, None, None, "rejected", "bad_fit"),
    ("email", "2025-05-10", None, None, None, None, None, "nurture", None),
    ("content", "2025-06-10", None, None, None, None, None, "nurture", None),
    # outbound in the window: no MQL, but a SAL
    ("outbound", "2025-03-01", None, 1, 2, None, None, "nurture", None),
    # inbound outside the window: an MQL never answered
    ("email", "2025-08-01", 3, None, None, None, None, "unworked", None),
])
DEALS = pd.DataFrame({"opportunity_id": ["O1", "O2"], "is_won": [True, False]})


def test_stage_counts_and_conversion_divide_by_the_stage_entered():
    cohort = fh.in_cohort(fh.inbound(HAND))
    counts = fh.stage_counts(cohort, DEALS)
    assert counts == {"lead": 6, "mql": 4, "sal": 3, "sql": 2, "opportunity": 2, "won": 1}
    rates = fh.stage_conversion(counts)
    assert rates == {"lead_to_mql": 4 / 6, "mql_to_sal": 3 / 4, "sal_to_sql": 2 / 3,
                     "sql_to_opportunity": 1.0, "opportunity_to_won": 0.5}
    assert fh.leakiest(rates) == "sal_to_sql"  # 2/3 < 3/4 < 1


def test_cohort_keeps_leads_created_in_the_window_and_drops_outbound():
    cohort = fh.in_cohort(fh.inbound(HAND))
    assert len(cohort) == 6
    assert (cohort.source_channel != "outbound").all()
    assert cohort.created_at.max() < fh.COHORT_END


def test_an_empty_stage_gives_an_undefined_rate_not_a_crash():
    rates = fh.stage_conversion({"lead": 3, "mql": 0, "sal": 0, "sql": 0, "opportunity": 0, "won": 0})
    assert rates["lead_to_mql"] == 0 and math.isnan(rates["mql_to_sal"])


def test_speed_buckets_are_left_closed_and_never_answered_is_its_own_bucket():
    hours = pd.Series([0, 4.99 / 60, 5 / 60, 0.49, 0.5, 1.0, 23.9, 24.0, 500, np.nan])
    assert fh.speed_bucket(hours).tolist() == ["<5 min", "<5 min", "5-30 min", "5-30 min", "30-60 min",
                                               "1-24 h", "1-24 h", ">24 h", ">24 h", "never"]


def test_qualification_rate_is_sqls_over_mqls_per_bucket():
    rates = fh.qualification_by_response(HAND)
    # MQLs answered after 3 min (SQL), 30 min (SQL), 30 h, 1 h, and one never answered
    assert math.isnan(rates.pop("5-30 min"))  # nobody in that bucket: undefined, not zero
    assert rates == {"<5 min": 1.0, "30-60 min": 1.0, "1-24 h": 0.0, ">24 h": 0.0, "never": 0.0}
    among_sals = fh.qualification_by_response(HAND, among="sal_at")
    assert among_sals["never"] == 0.0 and among_sals[">24 h"] == 0.0  # the outbound SAL has no MQL time


def test_sla_counts_never_touched_as_misses_and_starts_at_the_mql():
    # 5 MQLs: answered after 3 min, 30 min, 30 h, 1 h, never -> 3 within 4 h
    assert fh.sla_compliance(HAND) == 3 / 5
    exactly = _leads([("email", "2025-01-01", 1, 5, None, None, None, "rejected", "bad_fit")])
    assert fh.sla_compliance(exactly) == 1.0  # exactly 4 hours is within
    assert fh.sla_compliance(HAND, since="created_at") < fh.sla_compliance(HAND)


def test_rejection_reasons_rank_by_count_with_ties_by_name():
    leads = pd.DataFrame({"status": ["rejected"] * 6 + ["disqualified"] * 4,
                          "rejection_reason": ["student", "bad_fit", "bad_fit", "duplicate", "duplicate", "competitor"] + ["no_budget"] * 4})
    assert fh.ranked_reasons(fh.rejected(leads)) == [["bad_fit", 2], ["duplicate", 2], ["competitor", 1], ["student", 1]]
    assert fh.ranked_reasons(leads)[0] == ["no_budget", 4]


# -- the answer kinds ----------------------------------------------------------------------

def test_rate_table_gives_partial_credit_and_accepts_a_series():
    kind = RateTable(keys=("a", "b", "c", "d"))
    expected = {"a": 0.5, "b": 0.25, "c": 0.0, "d": math.nan}
    assert kind.score({"a": 0.5, "b": 0.25, "c": 0.0}, expected) == 1.0
    assert kind.score({"a": 0.5, "b": 0.3, "c": 0.0, "d": 0.1}, expected) == 0.5
    series = as_plain(pd.Series([0.5, 0.25, 0.0], index=["a", "b", "c"]))  # as the grader decodes it
    assert kind.score(series, expected) == 1.0
    assert kind.score([0.5, 0.25], expected) == 0.0
    assert "between 0 and 1" in kind.sanity({"a": 50.0, "b": 0.2, "c": 0.1, "d": 0.0}, None)
    assert "'d'" in kind.sanity({"a": 0.5, "b": 0.2, "c": 0.1}, None)


def test_a_categorical_series_from_pd_cut_travels_to_the_grader():
    hours = pd.Series([0.01, 0.2, 0.7, 3.0, 30.0, np.nan])
    bucket = pd.cut(hours, list(fh.BUCKET_EDGES_HOURS), labels=list(fh.BUCKETS[:-1]), right=False)
    answer = pd.Series([1.0, 1.0, 0.0, 0.0, 0.0, 0.0]).groupby(bucket, observed=False).mean()
    decoded = as_plain(answer)
    assert RateTable(keys=fh.BUCKETS[:-1]).score(decoded, dict(zip(fh.BUCKETS[:-1], [1.0, 1.0, 0.0, 0.0, 0.0]))) == 1.0


def test_ranked_labels_accept_either_order_of_a_tie():
    kind = RankedLabels(n=2)
    expected = [["bad_fit", 2], ["duplicate", 2], ["student", 1]]
    assert kind.score(["duplicate", "bad_fit"], expected) == 1.0
    assert kind.score(["bad_fit", "student"], expected) == 0.5
    assert kind.score(["bad_fit", "bad_fit"], expected) == 0.0
    assert kind.score([["bad_fit", 2], ["duplicate", 2]], expected) == 0.0  # pairs, not names: no crash, no points
    assert kind.sanity("bad_fit", None) and kind.sanity(["bad_fit"], None)


# -- on generated worlds -------------------------------------------------------------------

def test_speed_to_lead_falls_with_response_time_as_the_studies_found(default_world):
    rates = fh.qualification_by_response(default_world.leads)
    # a cliff within the first half hour, then a fade: the 5-60 minute buckets are small and
    # close to each other, so only the steps the studies name are ordered
    assert rates["<5 min"] > 3 * max(rates["5-30 min"], rates["30-60 min"])
    assert min(rates["5-30 min"], rates["30-60 min"]) > rates[">24 h"] > rates["never"]
    assert rates["1-24 h"] > rates[">24 h"]
    assert rates["never"] == 0.0
    assert rates["<5 min"] > 20 * rates[">24 h"]  # within minutes vs after a day (HBR: over 60x for within the hour)


def test_recent_cohorts_are_immature(default_world):
    leads = fh.inbound(default_world.leads)
    won = fh.won_flags(leads, default_world.opportunities)
    recent = won[leads.created_at >= default_world.reference_date - pd.Timedelta(days=60)].mean()
    mature = won[(leads.created_at >= fh.COHORT_START) & (leads.created_at < fh.COHORT_END)].mean()
    assert recent < mature / 2


def test_months_without_opportunities_may_be_left_out_but_not_called_zero(tiny_world):
    exercise = EXERCISES["q2"]
    answer = PROOF.written(tiny_world, "q2")
    assert exercise.check(answer.dropna(), tiny_world).correct
    if answer.isna().any():  # a month with no opportunity has no rate, not a rate of 0
        assert exercise.score(answer.fillna(0.0), tiny_world) < 1.0


def test_pandas_default_right_closed_buckets_are_a_named_mistake_that_says_which_edge(default_world):
    code = next(w.code for w in PROOF.wrong if w.exercise == "q4" and w.mistake == "right_closed")
    answer = PROOF.answer(default_world, "q4", code)
    feedback = EXERCISES["q4"].check(answer, default_world)
    assert not feedback.correct and "exactly 5 minutes lands in '<5 min'" in feedback.message
    assert "right=False" in feedback.message
    assert EXERCISES["q4"].score(answer, default_world) <= 0.5


def test_dropping_the_never_answered_mqls_earns_nothing(default_world):
    code = next(w.code for w in PROOF.wrong if w.exercise == "q4" and w.mistake == "drop_never")
    answer = PROOF.answer(default_world, "q4", code)
    assert EXERCISES["q4"].share_right(answer, default_world) == 5 / 6  # every other bucket is right
    assert EXERCISES["q4"].score(answer, default_world) == 0.0
