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
# ## Capstone: one plan, one CRM, one scorecard
#
# Marketing and sales are aligned when they share five things: **goals and definitions**
# (one revenue target, one meaning of "MQL"), a **written SLA** for the handoff, **one
# CRM** both trust, **closed-loop reporting** (from campaign to revenue) and **consistent
# messaging**. This capstone does the first four on data:
#
# 1. turn next quarter's revenue goal into a **reverse-funnel plan** (deals, opportunities,
#    SQLs, SALs, MQLs, leads and the marketing budget);
# 2. compare last quarter with the plan and find **the step where it fell short**;
# 3. run a **data-hygiene pass** on the CRM as people really typed it;
# 4. build the **SLA scorecard** for both teams and a **joint dashboard**;
# 5. write the joint quarterly business review.
#
# Run the next cell first. It loads the CRM as `world` (clean: every integrity rule holds),
# the same CRM **before cleaning** as `raw`, and this module's exercises as `ex`.

# %% locked setup
import matplotlib.pyplot as plt
import pandas as pd

from crosstrain.notebook import ____, start  # noqa: F401 (____ is the blank of each answer cell)
from crosstrain.notebook.exercises.alignment.lesson import monthly_scorecard, plan_inputs, revenue_goal
from crosstrain.notebook.exercises.alignment.raw import raw_variant
from crosstrain.world.schema import DEAL_STAGES

world, ex = start("08-alignment")
raw = raw_variant(world)  # the same CRM and seed as load_world(..., variant="raw"): with the faults real CRMs carry

# %% [markdown]
# ## 1. A shared goal, planned backwards
#
# Leadership gives one number: next quarter's revenue from marketing-sourced (inbound)
# new business. Both teams then ask the same question from opposite ends: *how much
# of each stage does that take?* A **reverse funnel** answers it by walking up the
# funnel and **dividing** by each stage's conversion rate:
#
# | Stage | Needed |
# |---|---|
# | won deals | goal / average won deal |
# | opportunities | deals / win rate (won / (won + lost)) |
# | SQLs | opportunities / SQL-to-opportunity rate |
# | SALs | SQLs / SAL-to-SQL rate |
# | MQLs | SALs / MQL-to-SAL rate |
# | leads | MQLs / lead-to-MQL rate |
# | budget | leads x cost per lead |
#
# A tiny example: a $1,000,000 goal at a $50,000 average deal needs 20 deals; at a 20%
# win rate that is 20 / 0.2 = 100 opportunities; at 75% SQL-to-opportunity, 133 SQLs; and
# so on up. Each division makes the number **bigger**: that is the "coverage needed is
# about 1 / win rate" of the domain notes, applied stage by stage.
#
# The rates must be **observed**, on a window both teams agree on, and **mature**: the
# plan uses module 03's cohort (inbound leads created in the first half of 2025, whose
# deals have all had time to close). The cost per lead is module 02's, over all campaigns.
#
# The deals in the plan are **new-business** deals (`type == "new_business"`), the ones
# the funnel makes, as a Salesforce report filtered on Opportunity Type: the average won
# deal and the win rate are theirs. The CSMs' expansion deals (`"expansion"`) are
# module 09's; they have no lead, so a deal reached from a lead is always new business.

# %%
from crosstrain.notebook.tables import shown

goal = revenue_goal(world)   # 25% above the average inbound quarter of the last year
inputs = plan_inputs(world)  # the mature cohort's rates, win rate, average won deal, and cost per lead
print(f"Next quarter's goal: ${goal:,.0f}")
shown(pd.DataFrame([inputs], index=["plan input"]))

# %% [markdown]
# ## Exercise 1: the reverse-funnel plan
#
# Using `goal` and `inputs`, compute what the goal needs and store it in a dict
# `plan_needs` with the keys `"deals"`, `"opportunities"`, `"sqls"`, `"sals"`, `"mqls"`,
# `"leads"` and `"budget"` (in dollars). Do not round: keep the decimals. Each line
# right earns part of the points (up to half of them; all right earns them all).

# %% answer q1
deals = goal / inputs["average_deal"]
opportunities = deals / inputs["win_rate"]
sqls = opportunities / inputs["sql_to_opportunity"]
sals = sqls / inputs["sal_to_sql"]
mqls = sals / inputs["mql_to_sal"]
leads = mqls / inputs["lead_to_mql"]
plan_needs = {"deals": deals, "opportunities": opportunities, "sqls": sqls, "sals": sals,
              "mqls": mqls, "leads": leads, "budget": leads * inputs["cost_per_lead"]}

# %% tests q1
ex.q1.check(plan_needs)
# hidden
ex.q1.grade(plan_needs)

# %% [markdown]
# Read the plan as a contract: marketing signs up to the leads, MQLs and budget; sales to
# accepting and qualifying those MQLs and winning the deals. If either side's rate slips,
# the other side's number has to grow, which is why both teams review the rates together.
#
# **The leads arrive a cycle earlier.** The plan is for next quarter's *won deals*, and a
# lead takes time to become one: in this CRM the median inbound won deal closed about three
# months after its lead was created, a whole quarter. So most of next quarter's wins come
# from leads created this quarter or before: the leads and MQLs the plan asks for are due
# about one cycle before the quarter whose revenue they bring, which means starting now,
# not when next quarter begins.
#
# ## 2. Plan against reality: where is the gap?
#
# A plan is a flow per quarter, so compare it with what **happened** in a quarter: leads
# created, MQLs, SALs and SQLs reached, opportunities created and deals won (by close date)
# in that quarter. Mind what is compared: last quarter's actuals against **next** quarter's
# plan, which is 25% above an average quarter of the last year. A quarter that only matched
# that average, at the plan's rates, would read about 0.8 (1 / 1.25) at every stage. So the
# level of the ratios says how far last quarter's pace is from next quarter's need, and the
# changes from one stage to the next say where a rate did not hold. Here are last year's inbound MQLs per month
# against the plan's monthly pace (a third of the quarter's need):

# %%
monthly = monthly_scorecard(world)
last_year = monthly.loc[monthly.index >= world.reference_date.to_period("M") - 12]
ax = last_year.mqls.plot(marker="o", figsize=(7, 3), title="MQLs per month against the plan's pace")
if ex.q1.answered(plan_needs):
    ax.axhline(plan_needs["mqls"] / 3, color="grey", linestyle="--", label="plan / 3")
    ax.legend();

# %% [markdown]
# ## Exercise 2: last quarter against the plan
#
# For the **last complete quarter** before `world.reference_date`
# (`world.reference_date.to_period("Q") - 1`), count the **inbound** funnel's events:
# `"leads"` (created in it), `"mqls"`, `"sals"`, `"sqls"` (their `mql_at`, `sal_at`,
# `sql_at` in it), `"opportunities"` (inbound leads' opportunities created in it) and
# `"deals"` (those opportunities won, by `close_date` in it). Store, per stage, the
# observed count divided by `plan_needs` for that stage in a dict `vs_plan`
# (1 = on plan, 0.8 = 20% short). Each stage right earns part of the points (up to half of them; all right earns them all).

# %% answer q2
quarter = world.reference_date.to_period("Q") - 1
inbound = world.leads[world.leads.source_channel != "outbound"]
inbound_deals = world.opportunities[world.opportunities.opportunity_id.isin(inbound.opportunity_id.dropna())]
in_q = lambda stamps: (stamps.dt.to_period("Q") == quarter).sum()
observed = {"leads": in_q(inbound.created_at), "mqls": in_q(inbound.mql_at), "sals": in_q(inbound.sal_at),
            "sqls": in_q(inbound.sql_at), "opportunities": in_q(inbound_deals.created_at),
            "deals": in_q(inbound_deals.close_date[inbound_deals.is_won])}
vs_plan = {stage: observed[stage] / plan_needs[stage] for stage in observed}

# %% tests q2
ex.q2.check(vs_plan)
# hidden
ex.q2.grade(vs_plan)

# %% [markdown]
# ## Where the fix belongs
#
# Compare ratios, not differences: the top of the funnel is over a hundred times bigger than
# the bottom (leads per win), so a raw difference nearly always points at leads. And do not stop at the
# smallest ratio: a stage inherits every shortfall above it (if leads are 20% short, every
# stage below starts 20% short even when each of its rates held). Look at where the ratio
# **drops** from one stage to the next: divide each stage's ratio by the ratio of the
# stage above it (leads by 1, the plan itself). That quotient is the rate observed into
# the stage over the plan's rate, so the smallest one is the step where the plan's rate
# held least, and the team that owns that step brings the fix to the review (module 03's
# owners: marketing up to MQL, SDRs to SQL, AEs from opportunity to won). If no stage is
# below plan, there is no gap to fix.
#
# ## Exercise 3: the step that fell short
#
# Store in `gap_stage` the stage (one of the keys of `vs_plan`) where the ratio drops most
# from the stage above it, or `"none"` if no stage is below plan (every ratio 1 or more).

# %% answer q3
steps, before = {}, 1.0
for stage, ratio in vs_plan.items():  # leads first, down to deals
    steps[stage] = ratio / before
    before = ratio
gap_stage = min(steps, key=steps.get) if min(vs_plan.values()) < 1 else "none"

# %% tests q3
ex.q3.check(gap_stage)
# hidden
ex.q3.grade(gap_stage)

# %% [markdown]
# The ratios side by side: the bar where the drop happens is the step to fix.

# %%
if ex.q2.answered(vs_plan):
    pd.Series(vs_plan).plot.bar(figsize=(6, 3), title="Last quarter: observed / needed", rot=0).axhline(1, color="grey", linestyle="--");

# %% [markdown]
# ## 3. One CRM, and only if it is clean
#
# Closed-loop reporting joins a campaign to the revenue it brought, through the CRM. It
# only works if the CRM is clean: a person entered twice counts twice in marketing's
# lead numbers; a channel typed three ways splits its leads over three rows of every
# report; a deal still open with a close date last month inflates the pipeline. `raw` is
# this company's CRM before anyone cleaned it. Look at the channel column:

# %%
raw.leads.source_channel.value_counts()

# %% [markdown]
# The canonical labels come from tables nobody types by hand: the campaigns' channels
# (plus `outbound`, leads SDRs found themselves) and the accounts' industries and
# countries. People are the same person when their e-mail is, once surrounding spaces
# and capitals are removed:

# %%
person = raw.leads.email.str.strip().str.lower()
twice = raw.leads[person.duplicated(keep=False)].assign(person=person).sort_values(["person", "created_at"])
twice[["lead_id", "email", "company", "source_channel", "created_at"]].head(6)

# %% [markdown]
# Deals carry faults too: an **open** deal whose `close_date` is already past
# (`world.reference_date`) is a forecast nobody updated; a `probability` that disagrees
# with its stage (`DEAL_STAGES`, e.g. `DEAL_STAGES["negotiation_review"]` is 90) breaks
# the weighted pipeline; a **closed** deal whose `close_date` is before its `created_at` is
# impossible. Hygiene is about records, so here every deal counts, expansions as well:
# a fault is a fault whoever owns the record.
#
# ## Exercise 4: count the faults
#
# On `raw`, count each fault and store the counts in a dict `fault_counts` with the keys:
# `"duplicate_leads"` (lead rows whose normalised e-mail appeared on an earlier row: a
# person entered three times counts 2), `"misspelt_values"` (cells of `source_channel`,
# `industry` and `country` that are not exactly a canonical label), `"open_deals_past_close"`,
# `"probability_mismatch"` and `"closed_before_created"`. Each count right earns a point.

# %% answer q4
leads, deals = raw.leads, raw.opportunities
canon = {"source_channel": set(raw.campaigns.channel) | {"outbound"},
         "industry": set(raw.accounts.industry), "country": set(raw.accounts.country)}
fault_counts = {
    "duplicate_leads": int(leads.email.str.strip().str.lower().duplicated().sum()),
    "misspelt_values": int(sum((~leads[c].isin(canon[c])).sum() for c in canon)),
    "open_deals_past_close": int((~deals.is_closed & (deals.close_date < raw.reference_date)).sum()),
    "probability_mismatch": int((deals.probability != deals.stage.map(DEAL_STAGES)).sum()),
    "closed_before_created": int((deals.is_closed & (deals.close_date < deals.created_at)).sum()),
}

# %% tests q4
ex.q4.check(fault_counts)
# hidden
ex.q4.grade(fault_counts)

# %% [markdown]
# ## Exercise 5: the canonical channel mapping
#
# Build `channel_map`, a dict from every `source_channel` value of `raw.leads` that is
# **not** a canonical channel to the canonical channel it stands for (e.g.
# `"Paid Search": "paid_search"`). Normalising gets you most of the way (strip, lower-case,
# spaces and hyphens to `_`); for the typos left, `difflib.get_close_matches(name, canonical, n=1)`
# finds the nearest canonical name. Each spelling right earns part of the points (up to half of them; all right earns them all).

# %% answer q5
import difflib

canonical = sorted(set(raw.campaigns.channel) | {"outbound"})


def fix(value):
    name = value.strip().lower().replace(" ", "_").replace("-", "_")
    return name if name in canonical else difflib.get_close_matches(name, canonical, n=1)[0]


channel_map = {v: fix(v) for v in raw.leads.source_channel.unique() if v not in canonical}

# %% tests q5
ex.q5.check(channel_map)
# hidden
ex.q5.grade(channel_map)

# %% [markdown]
# ## Exercise 6: where the duplicates come from
#
# Cleaning keeps **one row per person**, the earliest-created row of each normalised
# e-mail: every later row of that person is a **duplicate**. Store in
# `duplicates_per_channel` the number of duplicate rows per canonical channel (mapped with
# `channel_map`), a Series or dict indexed by channel: the channels whose forms let people
# sign up twice.

# %% answer q6
ordered = raw.leads.sort_values("created_at")
again = ordered[ordered.email.str.strip().str.lower().duplicated()]
duplicates_per_channel = again.source_channel.replace(channel_map).value_counts()

# %% tests q6
ex.q6.check(duplicates_per_channel)
# hidden
ex.q6.grade(duplicates_per_channel)

# %% [markdown]
# Every one of those rows inflated its channel's lead count in marketing's reports: a
# person counted twice is a lead bought twice. Once the duplicates and spellings
# are fixed, the raw CRM tells the same story as the clean one.
# That is the argument for a shared hygiene routine (validation lists instead of free
# text, duplicate checks on entry, a monthly review of stale close dates): without it,
# marketing's channel report and sales' pipeline are computed on different truths.
#
# ## 4. The SLA scorecard
#
# The SLA from module 03 is a promise in both directions, so its scorecard has a column
# for each team:
#
# | Team | Measure | Target | Why |
# |---|---|---|---|
# | marketing | MQL volume against the plan | 1 (on plan) | did marketing deliver the quantity it signed up to? |
# | marketing | acceptance rate: accepted / (accepted + rejected) | 70% (the benchmark says 60-80%) | did it deliver the quality? |
# | sales | share of MQLs touched within 4 hours (never touched = a miss) | 90% | did sales respond fast enough? |
# | sales | follow-up attempts per MQL (calls, e-mails, meetings) | 6, the cadence: six tries before an unreached MQL goes back to nurture | did sales try often enough? |
#
# MQLs nobody answered are not rejections: sales never looked at them, so they count
# against sales' response measure, not against marketing's quality.
#
# ## Exercise 7: last quarter's scorecard
#
# Take the MQLs whose `mql_at` falls in the last complete quarter (in `world`). Store in a
# dict `sla_scorecard`: `"mql_vs_plan"` (their number / `plan_needs["mqls"]`),
# `"acceptance_rate"` (accepted, `sal_at` not empty, / accepted plus `status == "rejected"`),
# `"sla_4h"` (share with a first response within 4 hours of `mql_at`, never answered
# counting as a miss) and `"attempts_per_mql"` (rows of `world.activities` on those
# leads / their number). Each measure right earns a point.

# %% answer q7
quarter = world.reference_date.to_period("Q") - 1
mqls = world.leads[world.leads.mql_at.dt.to_period("Q") == quarter]
accepted, rejected = mqls.sal_at.notna().sum(), (mqls.status == "rejected").sum()
sla_scorecard = {
    "mql_vs_plan": len(mqls) / plan_needs["mqls"],
    "acceptance_rate": accepted / (accepted + rejected),
    "sla_4h": ((mqls.first_response_at - mqls.mql_at) <= pd.Timedelta(hours=4)).mean(),
    "attempts_per_mql": world.activities.lead_id.isin(mqls.lead_id).sum() / len(mqls),
}

# %% tests q7
ex.q7.check(sla_scorecard)
# hidden
ex.q7.grade(sla_scorecard)

# %% [markdown]
# ## 5. One dashboard for both teams
#
# A joint dashboard puts each team's numbers next to the other's, on the same plan: a
# marketing win that sales cannot absorb (or the reverse) shows at a glance. Four panels,
# two per team, from the plan, the gap and the scorecard:

# %%
fig, axes = plt.subplots(2, 2, figsize=(10, 6))
if ex.q2.answered(vs_plan):
    pd.Series(vs_plan).plot.bar(ax=axes[0, 0], rot=20, title="Last quarter: observed / plan").axhline(1, color="grey", ls="--")
last_year.mqls.plot(ax=axes[0, 1], marker="o", title="MQLs per month (plan pace dashed)")
if ex.q1.answered(plan_needs):
    axes[0, 1].axhline(plan_needs["mqls"] / 3, color="grey", ls="--")
last_year.acceptance_rate.plot(ax=axes[1, 0], marker="o", ylim=(0, 1), title="Marketing: MQL acceptance rate").axhline(0.7, color="grey", ls="--")
last_year.sla_4h.plot(ax=axes[1, 1], marker="o", ylim=(0, 1), title="Sales: MQLs touched within 4 h").axhline(0.9, color="grey", ls="--")
fig.tight_layout()

# %% [markdown]
# The dashed lines on the bottom row are the scorecard's targets (70% acceptance, 90% of
# MQLs touched within 4 hours); the attempts target (6) and MQLs on plan (1) are in the
# table above. The two teams write their own into the SLA in the review.
#
# ## 6. Try other plans
#
# Move the goal or a rate and watch what every stage and the budget must become. Which
# single rate, improved by five points, saves marketing the most leads?

# %%
from crosstrain.notebook.widgets.reverse_funnel import reverse_funnel_planner

reverse_funnel_planner(world)

# %% [markdown] locked qbr_prompt
# ## Written: the joint quarterly business review (graded by your trainer)
#
# Write the one-page summary marketing and sales would present **together** at the
# quarterly business review. Cover: (1) the goal and the plan (what each team signed up
# to), (2) last quarter against the plan and the largest gap, with its likely cause and
# which team owns the fix, (3) the SLA scorecard, one line per team, (4) the data-hygiene
# findings and the rule that prevents each from coming back, and (5) two or three joint
# commitments for next quarter, each with a number and an owner. Use numbers from this
# notebook, and write it as "we", not "they".

# %% [markdown] written qbr_summary points=5
# *(A model answer: the values are each world's own, so it names where each comes from;
# yours are the numbers your notebook printed.)*
#
# **Goal and plan.** Next quarter's inbound target is `goal` (25% above our average
# inbound quarter of the last year). At the mature cohort's observed rates (its average won
# deal, its win rate and each stage's conversion) it takes the deals, opportunities, SQLs,
# SALs, MQLs and leads of `plan_needs`, each stage larger than the one below it, and a
# budget of the leads times module 02's cost per lead. Marketing owns leads, MQLs and
# budget; SDRs own SALs and SQLs; AEs own opportunities and deals.
#
# **Against the plan.** We compared last quarter's volume at each stage with next
# quarter's need (`vs_plan`, 1 = on plan; the plan is 25% above an average quarter, so a
# quarter at that average pace would read about 0.8). The fix belongs where the ratio drops
# most from the stage above (`gap_stage`), and the team that owns that step brings it:
# marketing for leads and MQLs, SDRs for SALs and SQLs, AEs for opportunities and deals; if
# no stage is below plan, we say so and name no culprit. A drop at deals is not by itself a
# win-rate problem: most of a quarter's wins come from opportunities created in earlier
# quarters, so it can be lag. Before we blame closing, we set the win rate of the
# new-business deals closed in the quarter against the plan's (`inputs["win_rate"]`), and only a lower one
# goes on the list.
#
# **SLA scorecard.** Marketing: MQLs against plan (the scorecard's ratio), acceptance 70% (target 70%: at the line).
# Sales: only 58% of MQLs touched within 4 hours (target 90%: missed), about 2.7 attempts
# per MQL (target 6).
#
# **Data hygiene.** The raw CRM had duplicated people, misspelt category values, open
# deals with a past close date, probabilities that disagree with the stage and deals
# closed before they were created (section 3 counts each). Rules: pick-lists instead of
# free text for channel, industry and country; a duplicate check on e-mail at entry;
# probability set by the stage, not by hand; a weekly stale-close-date report for AEs.
#
# **Joint commitments.** (1) Sales: 90% of MQLs touched within 4 hours by the end of next
# quarter, owned by the SDR manager. (2) Both: the leads behind next quarter's wins arrive
# a cycle earlier, since the median inbound won deal closed about three months after its
# lead was created: from this month, marketing delivers a third of the plan's MQLs every
# month and SDRs work each one within the cadence of 6 attempts (demand-generation lead
# and SDR manager). (3) Marketing: hold lead volume at the plan's need and shift any extra
# budget to the channels with the best cost per SQL, owned by the demand-generation lead.

# %% [markdown] locked key_points
# ## Key points
#
# - Alignment is shared goals and definitions, a written SLA, one CRM, closed-loop
#   reporting and consistent messaging; each of them can be checked on data.
# - A reverse funnel walks from the revenue goal up: deals = goal / average won deal,
#   opportunities = deals / win rate, then divide by each stage rate; budget = leads x cost
#   per lead. Use mature, observed rates, never multiply by them.
# - The plan is for next quarter's wins: its leads arrive about a cycle earlier, so
#   demand for next quarter starts now.
# - Compare the plan with what happened per stage as a ratio (observed / needed); the fix
#   belongs where the ratio drops most from the stage above (a stage inherits every
#   shortfall above it), and the team that owns that step brings it. No stage below plan,
#   no gap.
# - A shared CRM only helps when it is clean: the same person is the same normalised
#   e-mail; a category is right only when it is exactly canonical; open deals with past
#   close dates, probabilities off their stage and impossible dates distort every report.
# - The SLA scorecard has a column per team: MQL volume and acceptance for marketing,
#   4-hour touch rate and attempts for sales; never-touched MQLs are sales' misses.
