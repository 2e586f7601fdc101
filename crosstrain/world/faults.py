"""The ``raw`` variant: the clean world with the faults real CRMs carry.

Duplicated leads, misspelt categories, open deals whose close date has passed,
probabilities that disagree with the stage, and impossible dates. A cleaning
exercise finds and fixes them; ``world.json`` records how many of each were
injected so tests can check a cleaner finds them all.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from crosstrain.world.context import DAY, Context
from crosstrain.world.load import midnights
from crosstrain.world.schema import DEAL_STAGES

MISSPELLINGS = {
    "source_channel": {"paid_search": ["Paid Search", "paid search", "paidsearch"], "webinar": ["Webinar", "webinr"],
                       "referral": ["refferal", "Referral"], "email": ["E-mail", "Email"], "paid_social": ["Paid Social", "paid-social"],
                       "display": ["Display"], "event": ["Event", "events"], "content": ["Content"], "partner": ["Partner", "partnr"],
                       "outbound": ["Outbound", "out-bound"]},
    "industry": {"software": ["Software", "sofware"], "financial_services": ["Financial Services", "fin services"],
                 "healthcare": ["Healthcare", "helthcare"], "manufacturing": ["Manufacturing", "manufactoring"],
                 "retail": ["Retail"], "education": ["Education"], "media": ["Media"], "logistics": ["Logistics"],
                 "professional_services": ["Professional Services"], "public_sector": ["Public Sector"]},
    "country": {"United States": ["USA", "U.S.", "united states"], "United Kingdom": ["UK", "U.K."], "Germany": ["Deutschland"]},
}
DUPLICATE_SHARE = 0.03
MISSPELT_SHARE = 0.04
PAST_CLOSE_SHARE = 0.12
BAD_PROBABILITY_SHARE = 0.04
IMPOSSIBLE_DATE_SHARE = 0.03


def add_faults(ctx: Context, name: str, table: pa.Table) -> tuple[pa.Table, dict]:
    """``table`` with this variant's faults, and how many of each were injected."""
    if name == "leads":
        frame, counts = _lead_faults(ctx.rng["faults"], table.to_pandas(), pd.Timestamp(ctx.now, unit="s"))
    elif name == "opportunities":
        frame, counts = _deal_faults(ctx.rng["faults"], midnights(table).to_pandas(), pd.Timestamp(ctx.now, unit="s"))
    else:
        return table, {}
    return pa.Table.from_pandas(frame, schema=table.schema, preserve_index=False), counts


def _lead_faults(rng, leads: pd.DataFrame, now: pd.Timestamp) -> tuple[pd.DataFrame, dict]:
    counts = {}
    # Duplicates: the same person entered again days later, typed a little differently.
    dup = leads.sample(frac=DUPLICATE_SHARE, random_state=rng.integers(2**31)).copy()
    start = len(leads)
    dup["lead_id"] = [f"L{i + 1:07d}" for i in range(start, start + len(dup))]
    later = dup["created_at"] + pd.to_timedelta(rng.integers(3600, 20 * DAY, len(dup)), unit="s")
    dup["created_at"] = later.where(later < now, now - pd.Timedelta(hours=1))
    dup["email"] = np.where(rng.random(len(dup)) < 0.5, dup["email"].str.upper(), " " + dup["email"])
    dup["company"] = np.where(rng.random(len(dup)) < 0.5, dup["company"] + " Inc.", dup["company"].str.lower())
    for column in ("mql_at", "sal_at", "sql_at", "first_response_at"):
        dup[column] = pd.NaT
    dup["opportunity_id"] = None
    dup[["lifecycle_stage", "status", "rejection_reason"]] = ["lead", "open", None]
    leads = pd.concat([leads, dup], ignore_index=True)
    counts["duplicate_leads"] = len(dup)
    # Misspelt categories.
    counts["misspelt_values"] = 0
    for column, variants in MISSPELLINGS.items():
        rows = np.flatnonzero((rng.random(len(leads)) < MISSPELT_SHARE) & leads[column].isin(list(variants)).to_numpy())
        leads.loc[rows, column] = [variants[v][rng.integers(len(variants[v]))] for v in leads.loc[rows, column]]
        counts["misspelt_values"] += len(rows)
    return leads, counts


def _deal_faults(rng, opps: pd.DataFrame, now: pd.Timestamp) -> tuple[pd.DataFrame, dict]:
    counts = {}
    # Open deals whose close date has already passed, though never before the deal was created:
    # that would be a second, unrecorded fault (a date on or after creation is kept).
    # Deals created on the reference date's eve have no past day after their creation.
    open_rows = np.flatnonzero((~opps["is_closed"] & (opps["created_at"] < now - pd.Timedelta(days=1))).to_numpy())
    stale = open_rows[rng.random(len(open_rows)) < PAST_CLOSE_SHARE]
    past = now - pd.to_timedelta(rng.integers(1, 60, len(stale)) * DAY, unit="s")
    opps.loc[stale, "close_date"] = np.maximum(past, opps.loc[stale, "created_at"].dt.ceil("D").to_numpy())
    counts["open_deals_past_close"] = len(stale)
    # Probability that disagrees with the stage: at least one, so a small raw world has it too.
    wrong = np.sort(rng.choice(len(opps), min(len(opps), max(1, rng.binomial(len(opps), BAD_PROBABILITY_SHARE))), replace=False))
    expected = opps.loc[wrong, "stage"].map(DEAL_STAGES).to_numpy()
    shifted = (expected + rng.choice([-40, -25, 15, 30], len(wrong))).clip(1, 99)
    opps.loc[wrong, "probability"] = np.where(shifted == expected, expected + 5, shifted)
    counts["probability_mismatch"] = len(wrong)
    # Impossible dates: closed before it was created.
    closed_rows = np.flatnonzero(opps["is_closed"].to_numpy())
    bad = closed_rows[rng.random(len(closed_rows)) < IMPOSSIBLE_DATE_SHARE]
    opps.loc[bad, "close_date"] = (opps.loc[bad, "created_at"] - pd.to_timedelta(rng.integers(1, 90, len(bad)) * DAY, unit="s")).dt.floor("D")
    counts["close_before_created"] = len(bad)
    return opps, counts
