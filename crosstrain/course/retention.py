"""Net and gross revenue retention over a trailing 12-month cohort: the one definition that the
datasheet, the claims, ``crosstrain data describe`` and module 09's grader use.

It lives above the world, not in it: a learner's assessment install holds the whole world
package (its loader checks the generator's code), and this table holds module 09's answers.

The cohort is every subscription that was a customer at the window's start (started on or
before it and not churned by then). Its ARR then is the ARR after its last change on or
before that day; its ARR at the window's end is the ARR after its last change on or before
the end (0 when it churned). NRR = sum(end) / sum(start), expansion included. GRR caps each
customer at its starting ARR, so it counts only churn and contraction:
sum(min(end, start)) / sum(start). Customers won during the window are not in the cohort.
"""

from __future__ import annotations

import pandas as pd


def cohort_arr(world, end=None, months: int = 12) -> pd.DataFrame:
    """One row per subscription in the cohort: ``segment``, ``start_arr``, ``end_arr``, for the
    window of ``months`` ending at ``end`` (default: the world's reference date)."""
    end = pd.Timestamp(world.reference_date if end is None else end)
    begin = end - pd.DateOffset(months=months)
    subs = world.subscriptions.set_index("subscription_id")
    events = world.subscription_events.sort_values(["subscription_id", "occurred_at"], kind="stable")
    at_begin = events[events["occurred_at"] <= begin].groupby("subscription_id")["arr_after"].last()
    at_end = events[events["occurred_at"] <= end].groupby("subscription_id")["arr_after"].last()
    cohort = at_begin[at_begin > 0]
    return pd.DataFrame({"segment": subs["segment"].reindex(cohort.index), "start_arr": cohort,
                         "end_arr": at_end.reindex(cohort.index).fillna(0.0)})


def retention(world, by: str | None = "segment", end=None, months: int = 12) -> pd.DataFrame:
    """NRR and GRR (shares: 1.0 = 100%) and the cohort's size, per ``by`` (or overall when None)."""
    cohort = cohort_arr(world, end, months)
    cohort["kept"] = cohort[["start_arr", "end_arr"]].min(axis=1)
    groups = cohort.groupby(by) if by else cohort.groupby(lambda _: "all")
    sums = groups[["start_arr", "end_arr", "kept"]].sum()
    return pd.DataFrame({"customers": groups.size(), "start_arr": sums["start_arr"],
                         "nrr": sums["end_arr"] / sums["start_arr"], "grr": sums["kept"] / sums["start_arr"]})


def summary_line(world) -> str:
    """Retention by segment, as ``crosstrain data describe`` prints it."""
    rates = retention(world)
    return "  trailing 12 months: " + ", ".join(f"{segment} NRR {row.nrr:.0%} GRR {row.grr:.0%} ({int(row.customers)} customers)"
                                                for segment, row in rates.iterrows())
