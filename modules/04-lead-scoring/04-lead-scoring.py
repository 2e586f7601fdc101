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
# The CRM keeps both in `fit_score` and `engagement_score`. Two of those negative points
# are already inside this CRM's `fit_score`: students and free-mail addresses. It has none
# for competitors or unsubscribes: nothing flags a competitor before sales meets one (then
# it becomes a rejection reason), and it records no unsubscribes. Compare the average fit
# of students, and of people who signed up with a free-mail address, with everyone else.

# %%
leads = world.leads
free_mail = leads.email.str.endswith("@freemail.example")
fig, axes = plt.subplots(1, 2, figsize=(9, 2.8))
leads.groupby("seniority").fit_score.mean().sort_values().plot.barh(ax=axes[0], title="Mean fit by seniority")
leads.groupby(free_mail.map({True: "free mail", False: "work e-mail"})).fit_score.mean().plot.barh(ax=axes[1], title="Mean fit by address")
fig.tight_layout()

# %% [markdown]
# The fit points themselves are not stored in the CRM, but the data shows them: the gap
# in mean fit between groups. Against an individual contributor, and a free-mail address
# against a work one (here students about 22 points below an individual contributor,
# free-mail addresses about 12 below work addresses):

# %%
by_seniority = leads.groupby("seniority").fit_score.mean()
fit_points = (by_seniority - by_seniority["individual_contributor"]).sort_values()
fit_points["free mail (vs work e-mail)"] = leads.fit_score[free_mail].mean() - leads.fit_score[~free_mail].mean()
fit_points.round(1).rename("fit points")

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
# ### What this bar can and cannot prove
#
# Before you take your bar to sales, ask where the outcome came from. Sales only calls an
# inbound lead once it is an MQL, so every inbound lead that became an opportunity was an
# MQL first, under the old rule (the mean of fit and engagement at 45 or more). A lead
# under the old bar never got a conversation, so it could not become an opportunity
# whatever its score. That is
# **selection bias**: the outcome you fitted the bar to was produced by the old bar.
# So the bar that maximises F1 largely rediscovers the old rule (most of the leads over
# your F1-best bar were MQLs already), and the old MQL label itself scores a higher F1
# than any bar on today's score. It cannot tell you whether leads under the old bar would
# have converted if someone had called them.
#
# To learn that, sales must work a random sample of leads just under the bar for a month
# and record what happens: a small experiment, not a better formula.

# %%
mql_before = world.leads.set_index("lead_id").mql_at.notna()[inbound]
pd.crosstab(mql_before.rename("was an MQL"), became_opp.rename("became an opportunity"))

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
# A heat map shows conversion by fit and engagement together. Read it with the same care
# as the F1 bar: the cells where no lead became an opportunity are cells where no lead
# became an MQL (its score never reached the old bar, so sales never called). And
# `engagement_score` counts touches up to the day the deal was opened: for the leads that
# converted, about a tenth of the touches came after their MQL, in the sales conversation
# itself (demos, pricing pages). Part of "engagement predicts conversion" is conversion
# producing engagement.

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
# At **Id. Decision Makers** (probability 60) the AE is still finding out who decides, so
# a deal there without an economic buyer is work in progress. From the next stage on
# (Perception Analysis 70, Proposal/Price Quote 75, Negotiation/Review 90) the deal is
# **late**: the economic buyer should be known, and a deal without one is a forecast at
# risk. How many **open** deals at a probability of **70 or more** have **no** economic
# buyer identified? Store the whole number in `late_no_eb`.

# %% answer q7
late = ~deals.is_closed & (deals.probability >= 70)
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
# When sales rejects an MQL it records a reason. Read the reasons before you change
# points: in this CRM almost every rejection is `bad_timing`, a buyer who had moved on by
# the time sales called. That is a speed-to-lead problem (module 03), not a scoring one.
# Only the few `bad_fit`, `student`, `no_authority` and `competitor` rejections say that
# a lead scored too high.

# %%
rejected = world.leads[world.leads.status == "rejected"]
rejected.groupby("rejection_reason").agg(
    leads=("lead_id", "size"), mean_fit=("fit_score", "mean"), mean_engagement=("engagement_score", "mean")
).sort_values("leads", ascending=False).round(1)

# %% [markdown]
# ## Why SDRs disqualify accepted leads
#
# Once an SDR has accepted a lead and talked to the buyer, a lead that does not qualify is
# **disqualified**, with a reason too:

# %%
disqualified = world.leads[world.leads.status == "disqualified"]
disqualified.rejection_reason.value_counts()

# %% [markdown]
# `no_budget` is the most common reason, close to 3 in 10 disqualifications. Yet the
# frameworks above say "no budget yet" alone is no reason to disqualify: many B2B projects
# start unfunded, and CHAMP puts money after the buyer's challenges for that reason. So
# this CRM closes, for lack of budget, leads a BANT purist would call unqualified and a
# CHAMP user would keep. Two questions for the two teams: did the SDR also find need and
# authority (the CRM does not record it), and should these leads go back to nurture with
# a follow-up at the buyer's next budget cycle instead of being closed?

# %% [markdown] locked points_table_prompt
# ## Written: a revised points table (graded by your trainer)
#
# Propose a revised points table for this company: the fit points (the table of fit
# points the data shows, near the top) and engagement points you would change, including
# negative points, and the MQL bar. Defend **each** change with a number from this CRM:
# the fit points, the rejection and disqualification reasons above, the fit x engagement
# grid, or the F1 you found (saying what it can and cannot prove). Say what you would ask
# sales to record so the next revision has better evidence. About 150-250 words; a small
# table is welcome.

# %% [markdown] written points_table points=3
# | Change | From | To | Evidence |
# |---|---|---|---|
# | Student | about 22 fit points below an individual contributor | no MQL at all | a student is never the buyer; SDRs reject the few that get through as `student` |
# | Free-mail address | about 12 below a work address | about 20 below | SDRs reject free-mail MQLs as `bad_fit`: the penalty lets some through |
# | Competitor domains | no points in this CRM | -50 (a list kept by sales) | `competitor` rejections: fit cannot catch them |
# | Engagement | no decay | half-life 30 days | a lead active a year ago is not active now, yet the undecayed score keeps it above the bar |
# | Touches after the MQL | counted in engagement_score | not counted when testing a bar | about a tenth of converted leads' touches came after their MQL |
# | MQL bar | mean of fit and engagement 45 | unchanged for now | the F1-best bar mostly rediscovers the old rule: every opportunity was an MQL first |
#
# Almost every rejection is `bad_timing`: points will not fix it, faster first calls will.
# `no_budget` is the top disqualification: I would ask SDRs to record need and authority
# on every discovery call, and to send no-budget leads with a real need back to nurture
# with a follow-up date instead of closing them. To test a lower bar, SDRs work a random
# sample of leads just under it for a month; we compare their opportunity rate, and
# review the table each quarter against the acceptance rate (aim: sales accepts most MQLs).

# %% [markdown] locked key_points
# ## Key points
#
# - A lead score adds **fit** (who they are; never decays; negative points, here for
#   students and free mail) and **engagement** (what they did; decays, e.g. halving every 30 days).
# - Decay is `points x 0.5 ** (age_days / 30)`, with age measured to the CRM's own
#   "today" (`world.reference_date`), not the real one, and not a straight line.
# - The MQL bar trades volume and recall against precision. Choose it against the
#   outcome sales cares about (becoming an opportunity), e.g. by maximising F1, not
#   against the MQL label itself; but that outcome exists only where sales worked the
#   leads, so a bar fitted to it rediscovers the old bar (selection bias). Test a new bar
#   on a random sample of leads under it.
# - A fit x engagement grid shows where leads converted; its empty cells are the leads
#   sales never called, and engagement after the MQL flatters it.
# - BANT / CHAMP qualify a first conversation; MEDDPICC runs a deal. Completeness wins,
#   and a late-stage deal without an economic buyer is a forecast risk.
# - Rejection and disqualification reasons are evidence, read with care: bad timing is a
#   speed problem, and "no budget" alone should send a lead back to nurture, not close it.
