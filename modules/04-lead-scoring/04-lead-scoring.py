# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] locked welcome
# ## Lead scoring and qualification
#
# Marketing cannot call every lead and sales cannot chase every one, so the two teams
# agree on a **score**: points for who the lead is and for what they did. Above an
# agreed bar the lead becomes an MQL and goes to sales. Once sales talks to the buyer,
# a **qualification framework** (BANT, CHAMP, MEDDPICC) says what still needs finding
# out before a deal is real.
#
# In this module you build the score yourself, choose the bar with data, and use the
# frameworks on real call notes and open deals. Run the next cell first.

# %% locked setup
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from crosstrain.notebook import ____, start  # noqa: F401 (____ is the blank of each answer cell)

world, ex = start("04-lead-scoring")
world

# %% [markdown]
# ## Fit and engagement
#
# A lead score has two parts:
#
# | | Fit (explicit) | Engagement (implicit) |
# |---|---|---|
# | Says | is this someone we *can* sell to? | are they interested *now*? |
# | From | title and seniority, company size, industry (the ideal customer profile) | pricing-page views, demo requests, webinars, email clicks |
# | Over time | does not change: a CFO stays a CFO | fades: last year's webinar says little about today |
# | Negative points | free-mail addresses, students, competitors | unsubscribes |
#
# The CRM keeps both in `fit_score` and `engagement_score`. Negative points are already
# inside `fit_score`: compare the average fit of students, and of people who signed up
# with a free-mail address, with everyone else.

# %%
leads = world.leads
free_mail = leads.email.str.endswith("@freemail.example")
fig, axes = plt.subplots(1, 2, figsize=(9, 2.8))
leads.groupby("seniority").fit_score.mean().sort_values().plot.barh(ax=axes[0], title="Mean fit by seniority")
leads.groupby(free_mail.map({True: "free mail", False: "work e-mail"})).fit_score.mean().plot.barh(ax=axes[1], title="Mean fit by address")
fig.tight_layout()

# %% [markdown]
# ## The points table
#
# Engagement comes from the `touchpoints` table: each event type is worth some points.
# The table marketing and sales agreed on is stored with the world:

# %%
funnel = world.info["recipe"]["funnel"]
points = dict(zip(funnel["event_types"], funnel["event_points"]))
points

# %% [markdown]
# The CRM's `engagement_score` is simply the sum of those points over a lead's
# touchpoints (capped at 100), **with no decay**. Check it on one lead:

# %%
tp = world.touchpoints
lead_id = leads.lead_id.iloc[0]
mine = tp[tp.lead_id == lead_id]
print("sum of points:", mine.event_type.map(points).sum(), "| engagement_score:", leads.engagement_score.iloc[0])
mine[["occurred_at", "event_type"]]

# %% [markdown]
# ## Decay: engagement has a half-life
#
# A demo request yesterday and a demo request a year ago are not the same signal. Most
# teams let engagement **decay**; a common rule is a *half-life* of 30 days: a touch is
# worth its points times `0.5 ** (age_days / 30)`, so half after 30 days, a quarter
# after 60, and never quite zero. Two look-alikes are wrong: a straight line to zero at
# 30 days, and `exp(-age / 30)`, which divides by e (2.72) every 30 days instead of 2.
#
# The age is measured to the world's "today", `world.reference_date`, never to the
# real today. Fit does not decay.

# %%
days = pd.Series(range(0, 121))
pd.DataFrame({
    "half-life 30 days: 0.5 ** (d / 30)": 0.5 ** (days / 30),
    "linear to zero at 30 days (wrong)": (1 - days / 30).clip(lower=0),
    "exp(-d / 30) (wrong)": np.exp(-days / 30),
}, index=days).plot(figsize=(7, 3), xlabel="age in days", ylabel="share of the points left");

# %% [markdown]
# The same lead as above, its touches aged to the reference date:

# %%
age_days = (world.reference_date - mine.occurred_at).dt.total_seconds() / 86400
mine.assign(points=mine.event_type.map(points), age_days=age_days.round(1),
            decayed=mine.event_type.map(points) * 0.5 ** (age_days / 30))[["event_type", "points", "age_days", "decayed"]]

# %% [markdown]
# ## Exercise 1: score every lead (3 points)
#
# Compute each lead's score **today** (at `world.reference_date`):
#
# `score = fit_score + sum over the lead's touchpoints of points x 0.5 ** (age_days / 30)`
#
# with `age_days = (world.reference_date - occurred_at).dt.total_seconds() / 86400`
# (whole days with `.dt.days` are accepted too). Store a pandas **Series** in `scores`:
# one score per lead, for **every** lead in `world.leads` (a lead without touchpoints
# scores its fit alone), indexed by `lead_id`. Do not cap it.

# %% answer q1
tp = world.touchpoints
age_days = (world.reference_date - tp.occurred_at).dt.total_seconds() / 86400
decayed = tp.event_type.map(points) * 0.5 ** (age_days / 30)
engagement = decayed.groupby(tp.lead_id).sum()
fit = world.leads.set_index("lead_id").fit_score
scores = fit + engagement.reindex(fit.index, fill_value=0)

# %% tests q1
ex.q1.check(scores)
# hidden
ex.q1.grade(scores)

# %% [markdown]
# ## MQLs at a threshold
#
# A lead becomes an MQL when its score reaches the bar. Only **inbound** leads go
# through that step: outbound leads (`source_channel == "outbound"`) are found by SDRs
# themselves. Where the bar sits decides how many leads sales gets:

# %%
inbound = world.leads.set_index("lead_id").source_channel != "outbound"
if ex.q1.answered(scores):
    scores[inbound].plot.hist(bins=60, figsize=(7, 2.8), title="Inbound leads by score today")
    plt.axvline(70, color="red", linestyle="--");

# %% [markdown]
# ## Exercise 2: MQL volume (1 point)
#
# With the bar at **70 points** (a lead at exactly 70 counts), how many inbound leads are
# MQLs today by your `scores`? Store the whole number in `n_mql`.

# %% answer q2
n_mql = int((scores[inbound] >= 70).sum())

# %% tests q2
ex.q2.check(n_mql)
# hidden
ex.q2.grade(n_mql)

# %% [markdown]
# ## Choosing the bar: precision, recall and F1
#
# A good bar hands sales the leads that will become opportunities, and few others.
# Against the truth "became an opportunity":
#
# - **precision** = MQLs that became opportunities / MQLs: how much of sales' time is well spent;
# - **recall** = MQLs that became opportunities / leads that became opportunities: how much demand marketing hands over;
# - **F1** = 2 x precision x recall / (precision + recall) = 2 x hits / (MQLs + opportunities): one number that balances both.
#
# Raise the bar and precision goes up while recall goes down. At 70 points:

# %%
leads_ix = world.leads.set_index("lead_id")
became_opp = leads_ix.opportunity_id.notna()[inbound]
if ex.q1.answered(scores):
    mql = scores[inbound] >= 70
    hits = (mql & became_opp).sum()
    print(f"precision {hits / mql.sum():.1%}, recall {hits / became_opp.sum():.1%}")

# %% [markdown]
# Explore it live: move the weights of fit and engagement and the bar, and watch MQL
# volume, precision and recall. (In this widget the score is
# `fit weight x fit + engagement weight x decayed engagement`; weights 1 and 1 are your
# `scores`.)

# %%
from crosstrain.notebook.widgets.score_explorer import score_explorer

score_explorer(world)

# %% [markdown]
# A caveat worth saying out loud: `scores` is today's score, and the leads go back two
# years, so for old leads only their fit is left. A real team would store each lead's
# score on the day it reached sales and back-test on that. The method is the same.
#
# ## Exercise 3: the best bar (2 points)
#
# Over **inbound** leads, try every whole-number threshold from 0 to 200 on your
# `scores` (MQL = score >= threshold) and find the one with the highest F1 against
# **becoming an opportunity** (`opportunity_id` is filled in). Store it, a whole number,
# in `best_threshold`. (If two tie, take the lower one: `max(range(0, 201), key=...)` does.)

# %% answer q3
s = scores[inbound]


def f1(threshold):
    mql = s >= threshold
    return 2 * (mql & became_opp).sum() / (mql.sum() + became_opp.sum())


best_threshold = max(range(0, 201), key=f1)

# %% tests q3
ex.q3.check(best_threshold)
# hidden
ex.q3.grade(best_threshold)

# %% [markdown]
# ## Fit and engagement together
#
# Neither score is enough alone. Cut each into bands and look at conversion in each
# one. First fit alone, using the CRM's stored scores:

# %%
from crosstrain.notebook.tables import shown

inb = world.leads[world.leads.source_channel != "outbound"]
labels = ["low", "medium", "high"]
fit_band = pd.cut(inb.fit_score, [0, 40, 60, 101], right=False, labels=labels)
shown(inb.opportunity_id.notna().groupby(fit_band, observed=False).mean().rename("share that became opportunities"))

# %% [markdown]
# ## Exercise 4: the fit x engagement grid (2 points)
#
# Using the inbound leads and `fit_band` above, band `engagement_score` the same way
# with edges `[0, 10, 30, 101]` (low < 10, medium 10-29, high 30 and up). Store in
# `grid` a DataFrame of the **lead-to-opportunity rate** (share of the leads in each
# cell whose `opportunity_id` is filled in): **fit bands as rows, engagement bands as
# columns**, labels `low`, `medium`, `high`. Each fit band (row) with all its cells
# right earns a third of the points.

# %% answer q4
engagement_band = pd.cut(inb.engagement_score, [0, 10, 30, 101], right=False, labels=labels)
grid = inb.opportunity_id.notna().groupby([fit_band, engagement_band], observed=False).mean().unstack()

# %% tests q4
ex.q4.check(grid)
# hidden
ex.q4.grade(grid)

# %% [markdown]
# A heat map makes the point: conversion needs both a good fit *and* real engagement.

# %%
if ex.q4.answered(grid):
    plt.imshow(grid.astype(float), cmap="Blues", origin="lower")
    plt.xticks(range(3), grid.columns); plt.yticks(range(3), grid.index)
    plt.xlabel("engagement band"); plt.ylabel("fit band"); plt.colorbar(label="lead-to-opportunity rate");

# %% [markdown]
# ## Qualification frameworks
#
# Once an SDR or AE talks to the buyer, a framework lists what to find out. The three
# you will meet most:
#
# | Framework | Elements |
# |---|---|
# | BANT (IBM) | **B**udget, **A**uthority, **N**eed, **T**imeline |
# | CHAMP | **Ch**allenges, **A**uthority, **M**oney, **P**rioritization: BANT reordered to start from the buyer's problem |
# | MEDDPICC | **M**etrics, **E**conomic buyer, **D**ecision criteria, **D**ecision process, **P**aper process, **I**dentify pain, **C**hampion, **C**ompetition |
#
# BANT and CHAMP fit a first call; MEDDPICC is for running a larger deal. "No budget
# yet" alone is no reason to disqualify: many B2B projects start unfunded.
#
# The call notes in `world.call_notes` are tagged with the elements each snippet gives
# evidence of (`framework_tags`). Each note is a short call, the buyer and the rep taking
# turns (`world.call_turns` holds them one by one). Eleven of them, without their tags:

# %%
from crosstrain.notebook.exercises.lead_scoring.lesson import FRAMEWORK_TAGS, call_snippets

pd.set_option("display.max_colwidth", None)
print(FRAMEWORK_TAGS)
call_snippets(world)[["text"]]

# %% [markdown]
# ## Exercise 5: tag the snippets (2 points)
#
# For each snippet A-K, write the tags of the elements it tells you something about
# (good news or bad), separated by `;` when there are several, using the names in
# `FRAMEWORK_TAGS`. Some snippets evidence a BANT element *and* a MEDDPICC one, and an
# objection is evidence too. Store a
# dict in `tags`, e.g. `{"A": "bant.need;meddpicc.identified_pain", "B": ..., ...}`.
# Each snippet right earns part of the points (up to half of them; all right earns them all). (Answer from the text, not by peeking at
# `framework_tags`: reading buyers is the skill.)

# %% answer q5
tags = {
    "A": "bant.need;meddpicc.identified_pain",
    "B": "bant.budget",
    "C": "meddpicc.champion",
    "D": "bant.authority;meddpicc.economic_buyer",
    "E": "meddpicc.decision_process",
    "F": "bant.timeline",
    "G": "meddpicc.metrics",
    "H": "meddpicc.paper_process",
    "I": "meddpicc.competition",
    "J": "meddpicc.decision_criteria",
    "K": "bant.authority;meddpicc.economic_buyer",
}

# %% tests q5
ex.q5.check(tags)
# hidden
ex.q5.grade(tags)

# %% [markdown]
# ## MEDDPICC on the deals
#
# Each deal in `world.opportunities` has eight `has_*` flags, one per MEDDPICC element
# the AE has evidenced. Among closed deals, more elements mean a higher win rate:

# %%
deals = world.opportunities
flags = [c for c in deals.columns if c.startswith("has_")]
closed = deals[deals.is_closed]
closed.groupby(closed[flags].sum(axis=1)).is_won.mean().plot.bar(
    figsize=(7, 2.8), xlabel="MEDDPICC elements evidenced", ylabel="win rate", title="Closed deals");

# %% [markdown]
# ## Exercise 6: completeness of open deals (1 point)
#
# Over **open** deals (`is_closed` is False), what share of the eight elements is
# evidenced on average? (A deal with 6 of 8 is 0.75 complete; average that.) Store a
# number between 0 and 1 in `completeness`.

# %% answer q6
open_deals = deals[~deals.is_closed]
completeness = (open_deals[flags].sum(axis=1) / 8).mean()

# %% tests q6
ex.q6.check(completeness)
# hidden
ex.q6.grade(completeness)

# %% [markdown]
# ## The economic buyer
#
# The economic buyer is the person who can say yes to the money. Deals where nobody has
# found them rarely close:

# %%
shown(closed.groupby("has_economic_buyer").is_won.mean().rename("win rate"))

# %% [markdown]
# ## Exercise 7: late deals with no economic buyer (1 point)
#
# A forecast at risk: how many **open** deals at a probability of **60 or more** have
# **no** economic buyer identified? Store the whole number in `late_no_eb`.

# %% answer q7
late = ~deals.is_closed & (deals.probability >= 60)
late_no_eb = int((late & ~deals.has_economic_buyer).sum())

# %% tests q7
ex.q7.check(late_no_eb)
# hidden
ex.q7.grade(late_no_eb)

# %% [markdown]
# ## Exercise 8: CHAMP on the same snippets (1 point)
#
# Back to the ten snippets above. CHAMP asks first about the buyer's **Ch**allenges (the
# problem and what it costs them), then **A**uthority (who signs), **M**oney (the budget)
# and **P**rioritization (where this project sits among their other work, and so when it
# will happen). For each CHAMP element, which snippet (A-J) gives evidence of it? Store a
# dict in `champ`, e.g. `{"challenges": "A", "authority": ..., "money": ..., "prioritization": ...}`.
# Each element right earns part of the points (up to half of them; all right earns them all).

# %% answer q8
champ = {"challenges": "A", "authority": "D", "money": "B", "prioritization": "F"}

# %% tests q8
ex.q8.check(champ)
# hidden
ex.q8.grade(champ)

# %% [markdown]
# ## Why sales rejects MQLs
#
# When sales rejects an MQL it records a reason. These are the best evidence for
# changing the points table: each one says which leads scored too high.

# %%
rejected = world.leads[world.leads.status == "rejected"]
rejected.groupby("rejection_reason").agg(
    leads=("lead_id", "size"), mean_fit=("fit_score", "mean"), mean_engagement=("engagement_score", "mean")
).sort_values("leads", ascending=False).round(1)

# %% [markdown] locked points_table_prompt
# ## Written: a revised points table (graded by your trainer)
#
# Propose a revised points table for this company: the engagement points you would
# change (the table of points per event above), the fit rules you would add or change
# (this notebook shows each lead's fit score, not the points behind it: name the rule,
# e.g. negative points or a block for a kind of lead, and roughly how much) and the MQL bar. Defend **each** change with
# a number from this CRM: the rejection reasons above, the fit x engagement grid, or the
# F1 you found. Say what you would ask sales to record so the next revision has better
# evidence. About 150-250 words; a small table is welcome.

# %% [markdown] written points_table points=3
# | Change | From | To | Evidence |
# |---|---|---|---|
# | Student | fit -15 | disqualify (no MQL) | rejected MQLs that were students averaged a fit near 27 but engagement above 80: engagement carried them over the bar |
# | Individual contributor | fit +8 | +4, and require a manager or above before MQL | "no_authority" rejections have high engagement but the lowest fit of the work-address reasons |
# | Competitor domains | none | -50 (a list kept by sales) | "competitor" rejections have fit as high as real buyers: fit cannot catch them |
# | Duplicate | none | merge on e-mail before scoring | "duplicate" is a top-3 reason: not a points problem, a data one |
# | Engagement | no decay | half-life 30 days | a lead active a year ago is not active now, yet the undecayed score keeps it above the bar |
# | MQL bar | 90 (mean 45) | the F1-best bar on the decayed score, then check acceptance | the bar that maximised F1 against opportunities |
#
# Most rejections ("no_project") come from leads with good fit and average engagement,
# so points alone will not fix them: I would ask SDRs to record which touch made the
# lead an MQL and whether the buyer had an active project, and review the table each
# quarter against the acceptance rate (aim: sales accepts most MQLs).

# %% [markdown] locked key_points
# ## Key points
#
# - A lead score adds **fit** (who they are; never decays; negative points for students,
#   free mail, competitors) and **engagement** (what they did; decays, e.g. halving every 30 days).
# - Decay is `points x 0.5 ** (age_days / 30)`, with age measured to the CRM's own
#   "today" (`world.reference_date`), not the real one, and not a straight line.
# - The MQL bar trades volume and recall against precision. Choose it against the
#   outcome sales cares about (becoming an opportunity), e.g. by maximising F1, not
#   against the MQL label itself.
# - Conversion needs both: a fit x engagement grid shows where the good leads are.
# - BANT / CHAMP qualify a first conversation; MEDDPICC runs a deal. Completeness wins,
#   and a late-stage deal without an economic buyer is a forecast risk.
# - Rejection reasons are the evidence for changing the points table.
