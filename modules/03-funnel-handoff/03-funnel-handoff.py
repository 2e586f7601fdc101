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
# ## The funnel and the handoff
#
# Marketing hands leads to sales; sales accepts them, qualifies them and turns some into
# deals. Each handoff is a place where leads leak. In this module you measure the funnel
# the way both teams can agree on (by **cohort**), find the leakiest step, rediscover
# the **speed-to-lead** effect in the company's own data, check the response-time
# **SLA**, and read why sales rejects leads. Then you draft the SLA yourself.
#
# Run the next cell first: it loads the CRM as `world` and this module's exercises as `ex`.

# %% locked setup
import pandas as pd

from crosstrain.notebook import ____, start  # noqa: F401 (____ is the blank of each answer cell)

world, ex = start("03-funnel-handoff")

# %% [markdown]
# ## 1. Stages and what they mean
#
# Two vocabularies describe the same journey. HubSpot's default **lifecycle stages** are
# Subscriber, Lead, MQL, SQL, Opportunity, Customer, Evangelist (and Other). The
# SiriusDecisions (now Forrester) **demand waterfall** names the handoff more precisely:
#
# | Stage | Means | Owner | In this CRM |
# |---|---|---|---|
# | Inquiry / lead | someone raised a hand (form, webinar, reply) | marketing | `created_at` |
# | MQL, marketing-qualified lead | meets the agreed fit and engagement thresholds | marketing | `mql_at` |
# | SAL, sales-accepted lead | sales accepts it (or rejects it with a reason code) within 24-48 h | SDR | `sal_at`, or `status == "rejected"` and `rejection_reason` |
# | SQL, sales-qualified lead | sales confirmed a real buying project | SDR | `sql_at` |
# | Opportunity | an AE works a deal | AE | `opportunity_id` |
# | Close (won) | a signed contract: the lead becomes a customer | AE, then CSM | the deal's `is_won` (lifecycle stage `customer`) |
#
# Rejected leads are not thrown away: they are **recycled** to marketing's nurture
# programmes until they show new interest. `lifecycle_stage` holds the furthest stage
# a lead reached; `status` says what is happening to it now.

# %%
world.leads.lifecycle_stage.value_counts()

# %%
world.leads.status.value_counts()

# %% [markdown]
# Outbound leads (an SDR found them, no campaign) skip the MQL stage: nobody in marketing
# qualified them. So the marketing-to-sales waterfall is measured on **inbound** leads.

# %%
outbound = world.leads.source_channel == "outbound"
pd.crosstab(outbound, world.leads.mql_at.notna(), rownames=["outbound"], colnames=["became MQL"])

# %% [markdown]
# ## 2. Conversion by cohort
#
# **Stage conversion = leads that reached the next stage / leads that entered this stage.**
# Measure it by **cohort**: take the leads *created* in a period and follow each of them
# to the furthest stage it reached, whenever that happened. Counting instead "SQLs this
# month / MQLs this month" divides events about different people, and the ratio jumps
# around with timing (it can even exceed 100%).
#
# A cohort needs time to convert: an MQL takes days, a deal weeks or months. Recent
# cohorts are **immature**, so their rates look low only because the story is not over.
# Here are monthly cohorts of inbound leads:

# %%
inbound = world.leads[world.leads.source_channel != "outbound"]
won_ids = world.opportunities.opportunity_id[world.opportunities.is_won]
cohorts = inbound.assign(won=inbound.opportunity_id.isin(won_ids)).groupby(inbound.created_at.dt.to_period("M"))
monthly = cohorts.agg(leads=("lead_id", "size"), sqls=("sql_at", "count"), won=("won", "sum"))
monthly["lead_to_won"] = monthly.won / monthly.leads
monthly.tail(8).style.format({"lead_to_won": "{:.1%}"})

# %%
ax = monthly.lead_to_won.plot(marker="o", figsize=(7, 3), title="Share of each month's leads that became customers")
ax.set_xlabel("month the lead was created");

# %% [markdown]
# In this world the last few months fall towards zero: not because marketing got worse,
# but because their deals are still open. A fair comparison uses a **mature** cohort,
# old enough for nearly every deal to have closed.

# %% [markdown]
# ## Exercise 1: the cohort's waterfall
#
# Take the **inbound** leads created in the **first half of 2025** (`created_at` from
# 2025-01-01 up to, not including, 2025-07-01). Count how many of them reached each stage:
# lead, MQL (`mql_at`), SAL (`sal_at`), SQL (`sql_at`), opportunity (`opportunity_id`)
# and won (their opportunity `is_won`). Store the five stage-to-stage rates in a dict
# `cohort_rates` with keys `"lead_to_mql"`, `"mql_to_sal"`, `"sal_to_sql"`,
# `"sql_to_opportunity"`, `"opportunity_to_won"`. Each rate right earns a point.

# %% answer q1
cohort = inbound[(inbound.created_at >= "2025-01-01") & (inbound.created_at < "2025-07-01")]
n = {
    "lead": len(cohort),
    "mql": cohort.mql_at.notna().sum(),
    "sal": cohort.sal_at.notna().sum(),
    "sql": cohort.sql_at.notna().sum(),
    "opportunity": cohort.opportunity_id.notna().sum(),
    "won": cohort.opportunity_id.isin(won_ids).sum(),
}
stages = list(n)
cohort_rates = {f"{a}_to_{b}": n[b] / n[a] for a, b in zip(stages, stages[1:])}

# %% tests q1
ex.q1.check(cohort_rates)
# hidden
ex.q1.grade(cohort_rates)

# %% [markdown]
# Compare with the usual ranges (vendor benchmarks, wide): lead to MQL 15-30%, MQL to SAL
# 40-80%, SAL to SQL 50-70%, SQL to opportunity 50-75%, opportunity win rate 10-30%.
# Since nearly every deal of this cohort has closed, its opportunity-to-won rate is close
# to the win rate, won / (won + lost).

# %% [markdown]
# ## Exercise 2: see a cohort mature
#
# For each **monthly cohort** of inbound leads (the month of `created_at`, as a text such
# as `"2025-03"`: `created_at.dt.strftime("%Y-%m")`), what share of the cohort's
# **opportunities** has been won so far? Divide, per month, the leads whose opportunity
# was won by the leads that have an opportunity at all. Store the result in
# `won_share_by_month`, a Series (or dict) indexed by month. Each month right earns part
# of the points.

# %% answer q2
month = inbound.created_at.dt.strftime("%Y-%m")
wins = inbound.opportunity_id.isin(won_ids).groupby(month).sum()
opportunities = inbound.opportunity_id.notna().groupby(month).sum()
won_share_by_month = wins / opportunities

# %% tests q2
ex.q2.check(won_share_by_month)
# hidden
ex.q2.grade(won_share_by_month)

# %% [markdown]
# Plot your answer (`pd.Series(won_share_by_month).plot()`): in this world the share
# drops over the last months. Those deals are not lost, most are still **open**; their
# cohorts will catch up. That is why a funnel report either uses mature cohorts or shows
# how old each cohort is.

# %% [markdown]
# ## Exercise 3: the leakiest step
#
# The **leakiest** step is the one with the lowest stage-to-stage conversion: the share of
# the leads *entering* a step that make it through, not the share of all leads (those only
# ever shrink down the funnel, so the last step would always look worst), and not the number
# of leads lost (a step early in the funnel loses more leads simply because more enter it).
# Of the three sales-side handoff steps `"mql_to_sal"`, `"sal_to_sql"` and
# `"sql_to_opportunity"`, which one converts worst in your cohort? Store its name in
# `leakiest_step`.

# %% answer q3
handoff = ["mql_to_sal", "sal_to_sql", "sql_to_opportunity"]
leakiest_step = min(handoff, key=lambda step: cohort_rates[step])

# %% tests q3
ex.q3.check(leakiest_step)
# hidden
ex.q3.grade(leakiest_step)

# %% [markdown]
# ## 3. Speed to lead
#
# How fast sales answers a new MQL matters enormously. Two classic studies:
#
# - **HBR, "The Short Life of Online Sales Leads" (2011)**, 2,241 US firms: only 37%
#   answered within an hour and 23% never answered. Answering within an hour made
#   qualifying the lead about **7x** as likely as an hour later, and over **60x** as likely
#   as after a day.
# - **MIT / InsideSales (2007)**: calling within **5 minutes** rather than 30 gave about
#   100x the odds of reaching the lead and **21x** the odds of qualifying it.
#
# The clock starts when the lead is handed over, at `mql_at`, and stops at
# `first_response_at` (empty if nobody ever answered). Response times have a long tail,
# so a log scale shows them best:

# %%
mql = world.leads[world.leads.mql_at.notna()]
hours = (mql.first_response_at - mql.mql_at).dt.total_seconds() / 3600
print(f"never answered: {hours.isna().mean():.0%}, answered within an hour: {(hours <= 1).mean():.0%}")
log_bins = [2.0**k for k in range(-6, 13)]  # 1 minute to 170 days, doubling
ax = hours.clip(lower=1 / 60).plot.hist(bins=log_bins, logx=True, figsize=(7, 3))
ax.set_xlabel("hours from MQL to first response (log scale)");

# %% [markdown]
# And the share of MQLs that became SQLs, for ten equal-sized groups from fastest to
# slowest answer (`pd.qcut` cuts at the deciles):

# %%
decile = pd.qcut(hours, 10)
ax = mql.sql_at.notna().groupby(decile, observed=True).mean().plot.bar(figsize=(7, 3), title="SQL rate by response-time decile")
ax.set_xlabel("hours to first response");

# %% [markdown]
# ## Exercise 4: qualification rate by response time
#
# Put each MQL into one of six buckets by the hours from `mql_at` to `first_response_at`:
# `"<5 min"`, `"5-30 min"`, `"30-60 min"`, `"1-24 h"`, `">24 h"`, and `"never"` for MQLs
# nobody answered. Keep those never-answered MQLs: they are part of the story. With
# `right=False`, a response at exactly 5 minutes falls in `"5-30 min"`:
#
# ```python
# bins = [0, 5 / 60, 0.5, 1, 24, float("inf")]
# labels = ["<5 min", "5-30 min", "30-60 min", "1-24 h", ">24 h"]
# ```
#
# Store the share of MQLs in each bucket that became SQLs (`sql_at` not empty) in
# `sql_rate_by_response`: a dict, or a Series indexed by the bucket names. Each bucket
# right earns a point.

# %% answer q4
bins = [0, 5 / 60, 0.5, 1, 24, float("inf")]
labels = ["<5 min", "5-30 min", "30-60 min", "1-24 h", ">24 h"]
bucket = pd.cut(hours, bins, labels=labels, right=False).astype(str).where(hours.notna(), "never")
sql_rate_by_response = mql.sql_at.notna().groupby(bucket).mean()

# %% tests q4
ex.q4.check(sql_rate_by_response)
# hidden
ex.q4.grade(sql_rate_by_response)

# %% [markdown]
# Read your buckets against the studies: divide the odds of the `"<5 min"` bucket by those
# of `"5-30 min"` (the MIT comparison; odds = rate / (1 - rate)), and the fast buckets'
# rates by the `">24 h"` one (HBR's "over 60x"). In this world, answers under
# 5 minutes qualify about eight times as often as answers after 1-24 hours, and MQLs
# answered after a day almost never become SQLs. Your ratios will not be exactly the
# studies' (they measured other companies), but they land near them, and the lesson is
# the same: a lead's value decays within minutes, and an MQL nobody answers is lost.
#
# Why so steep? An SDR can only accept and qualify a lead they have talked to, and a
# buyer who filled in a form five minutes ago picks up the phone. `world.activities`
# holds every SDR call and e-mail; the first call to each MQL connects far more often
# when it is placed within minutes:

# %%
from crosstrain.notebook.tables import shown

calls = world.activities[(world.activities.type == "call") & world.activities.lead_id.notna()]
first_call = calls.sort_values("occurred_at").drop_duplicates("lead_id").merge(mql[["lead_id", "mql_at"]], on="lead_id")
call_minutes = (first_call.occurred_at - first_call.mql_at).dt.total_seconds() / 60
call_bucket = pd.cut(call_minutes, [0, 5, 30, 60, 24 * 60, float("inf")], right=False)
shown(first_call.outcome.eq("connected").groupby(call_bucket, observed=True).mean().rename("first call connects"))

# %% [markdown]
# ## 4. The SLA: a promise you can measure
#
# A marketing-sales **service-level agreement** writes the handoff down: what counts as an
# MQL, how fast sales responds and how many times it tries, how it rejects (with which
# reason codes) and what happens to rejected leads. Its response-time promise is easy to
# check in the CRM. An MQL nobody ever touched is the worst breach, so it counts as a miss.

# %% [markdown]
# ## Exercise 5: SLA compliance
#
# The SLA says: every MQL gets a first response within **4 hours** of becoming an MQL.
# Store the share of MQLs that got one (`first_response_at - mql_at` at most 4 hours;
# never answered is a miss) in `sla_share`, a number between 0 and 1.

# %% answer q5
sla_share = ((mql.first_response_at - mql.mql_at) <= pd.Timedelta(hours=4)).mean()

# %% tests q5
ex.q5.check(sla_share)
# hidden
ex.q5.grade(sla_share)

# %% [markdown]
# ## 5. Rejections and recycling
#
# At the SAL step an SDR either accepts the MQL or rejects it with a **reason code**
# (`status == "rejected"`, `rejection_reason`). Marketing should read those codes: they
# say how to fix the MQL definition. A healthy threshold gets most of the MQLs sales talks
# to accepted (above 60-80%); an MQL the SDR never reaches is not rejected but recycled to
# nurture as unresponsive, so acceptance also falls with a slow answer. Among answered
# MQLs, acceptance rises with the lead's fit score:

# %%
answered = mql[mql.first_response_at.notna()]
fit_band = pd.cut(answered.fit_score, [0, 25, 50, 75, 100], include_lowest=True)
ax = answered.sal_at.notna().groupby(fit_band, observed=True).mean().plot.bar(figsize=(6, 3), title="Share of answered MQLs accepted, by fit score")
ax.set_xlabel("fit score");

# %% [markdown]
# Leads accepted and later dropped are **disqualified** (`status == "disqualified"`,
# with reasons such as no budget or unresponsive): that is a different decision, taken
# after working the lead, not a rejection at the handoff.
#
# ## Exercise 6: why sales rejects MQLs
#
# Store the three most common `rejection_reason`s of the **rejected** MQLs, most common
# first, as a list of names in `top_reasons` (e.g. `["bad_fit", "student", "duplicate"]`).
# Each position right earns a point.

# %% answer q6
rejected = world.leads[world.leads.status == "rejected"]
top_reasons = rejected.rejection_reason.value_counts().index[:3].tolist()

# %% tests q6
ex.q6.check(top_reasons)
# hidden
ex.q6.grade(top_reasons)

# %% [markdown]
# ## 6. Play with the funnel
#
# Revenue is the product of the whole chain: leads x every stage rate x the average
# deal. The simulator starts at this world's observed numbers (your cohort's rates,
# leads per quarter, and the average won deal). Try it: is it worth more to double the
# leads, or to lift the leakiest step by ten points?
#
# Read the line under the sliders. Every lever multiplies, so doubling the leads doubles
# revenue, while ten more points on a step at rate r multiply it by (r + 0.10) / r: on a
# handoff step at 40-60%, about 1.2x. On revenue alone, doubling wins here; ten points
# beat it only on a step converting under 10%. The question a plan asks next is what
# each lever **costs**: twice the leads means about twice marketing's spend (at the same
# cost per lead) and twice the MQLs for the same SDRs to answer, and slower answers lower
# every rate after the MQL (speed to lead, above); ten points on the handoff cost process
# (the SLA below), not budget. Which team owns each lever?

# %%
from crosstrain.notebook.widgets.funnel_simulator import funnel_simulator

funnel_simulator(world)

# %% [markdown] locked sla_prompt
# ## Written: draft the marketing-sales SLA (graded by your trainer)
#
# Draft the SLA between marketing and sales for this company, in bullet points or short
# paragraphs. Cover: (1) the MQL definition (fit and engagement), (2) the response time
# and how many attempts over how many days, and what the HBR or MIT speed-to-lead finding
# says about that time next to your own rates by response bucket (does this CRM agree?),
# (3) the rejection reason codes sales must use, (4) what happens to rejected and disqualified leads (recycling), and (5) how both
# teams will measure the SLA. Use at least two numbers you computed in this notebook to
# justify your choices.

# %% [markdown] written sla_draft points=5
# **MQL definition.** An inbound lead becomes an MQL when the mean of its fit score and its
# engagement score reaches 45: fit from title, segment and ICP tier (no free-mail, student
# or competitor addresses), engagement from pricing views, demo requests and webinars.
# Marketing reviews the threshold each quarter against the acceptance rate: we target at
# least 75% of the MQLs sales talks to accepted (today about 50% of answered MQLs are
# accepted: most of the others were never reached or had moved on by the time they were,
# so the SDRs' speed matters as much).
#
# **Response.** An SDR responds within 1 hour in working hours, and never later than 4 hours
# (today only about 60% of MQLs get an answer within 4 hours, nights and weekends counted,
# and about 12% never get one). Leads answered within 5 minutes qualify about 8 times as
# often as those answered after 1-24 hours, and almost none qualify after a day: this CRM
# agrees with HBR (answering within the hour makes qualifying about 7x as likely) and with
# MIT / InsideSales (five minutes beat thirty). At least 6 attempts over 10 working days
# (calls and e-mails), before the lead may be closed as unresponsive.
#
# **Accept or reject within 24 hours**, with one reason code: bad_fit, student, competitor,
# no_authority, duplicate, no_project. Rejection without a code is not allowed.
#
# **Recycling.** Rejected leads (except students, competitors and duplicates) and leads
# disqualified for timing or budget go back to nurture; they can become MQLs again after new
# engagement, and the reason code tells marketing which content to send.
#
# **Measurement.** A shared weekly report: SLA compliance (share of MQLs touched within 4 h,
# never-touched counted as misses), acceptance rate and top rejection reasons, and the
# cohort conversion MQL to SQL. Marketing owns MQL volume and acceptance; sales owns
# response time and SAL-to-SQL.

# %% [markdown] locked key_points
# ## Key points
#
# - The waterfall: inquiry, MQL (marketing), SAL and SQL (SDR), opportunity and close (AE).
#   Rejected leads get a reason code and are recycled to nurture.
# - Stage conversion = reached the next stage / entered this stage, measured on a
#   **cohort** of leads created in a period; recent cohorts are immature and look worse.
# - The leakiest step is the lowest stage-to-stage rate, not the lowest share of all leads
#   and not simply the step that loses the most leads.
# - Speed to lead: contact, acceptance and qualification fall steeply within minutes of
#   the MQL; never-answered MQLs are lost entirely (HBR 2011, MIT/InsideSales 2007).
# - An SLA turns the handoff into numbers both teams watch: MQL definition, response
#   time and attempts, reason codes, recycling. Count never-touched MQLs as misses.
