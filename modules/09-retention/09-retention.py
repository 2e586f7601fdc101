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
# ## After the close: retention, expansion and shared messaging
#
# A signed contract is where most of the revenue starts, not where it ends. In a
# subscription business a customer pays every year they stay, buys more when the product
# spreads inside their company, and tells their peers about it. Three teams share that
# work: **sales** closes and hands over, **customer success** (CSMs) renews and expands,
# **marketing** turns happy customers into references and content, and turns what lost us
# deals into the messages all three use. This module works through it on the CRM:
#
# 1. the **handoff**: what sales must pass on, and how often it was missing;
# 2. **gross and net revenue retention** by segment and by cohort;
# 3. **churn**: the reasons customers give, and which sale-time signals predicted it;
# 4. **expansion** won on existing customers and who sources it; **referral** loops back
#    into marketing;
# 5. a shared **message map** and battlecard from lost deals, and a shared **wins report**;
# 6. a joint marketing-CS-sales plan for next quarter's renewals and expansion.
#
# Run the next cell first. It loads the CRM as `world` and this module's exercises as `ex`.

# %% locked setup
import pandas as pd
from IPython.display import display

from crosstrain.notebook import ____, start  # noqa: F401 (____ is the blank of each answer cell)
from crosstrain.notebook.tables import shown

world, ex = start("09-retention")

# %% [markdown]
# ## 1. The handoff: what sales must pass on
#
# Every won new-business deal starts one row of `world.subscriptions`: the account, its
# CSM, its segment, the start and renewal dates, the ARR it started at (`arr_start`, the
# deal's amount) and the ARR it has now (`arr`, 0 once churned). Every change of that ARR is
# a row of `world.subscription_events` (`new`, `renewal`, `expansion`, `contraction`,
# `churn`, with `arr_before`, `arr_after` and a `reason`).
#
# The CSM who takes the account over needs what the AE learned while selling. The
# MEDDPICC flags and fields on the won deal say whether the AE knew it:
#
# | Item | Why customer success needs it | CRM field on the won deal |
# |---|---|---|
# | economic buyer | who signs the renewal | `has_economic_buyer` |
# | champion | who uses and defends the product inside | `has_champion` |
# | success metrics | what the customer will judge us on | `has_metrics` |
# | identified pain | why they bought: the problem to solve first | `has_identified_pain` |
# | discount given | the price the renewal starts from | `discount_pct` |
# | competitor | who will call them at renewal time | `competitor` |
#
# A CSM who does not know who signs the renewal meets the economic buyer for the first
# time when the renewal is already at risk; one who does not know the success metrics
# cannot show the customer it got what it paid for.
#
# ## Exercise 1: how often the handoff is missing something
#
# For the won deals behind `world.subscriptions` (join on `opportunity_id`), store in
# `handoff_gaps` the share of customers whose deal closed **without** each item: keys
# `"economic_buyer"` (`has_economic_buyer` False), `"champion"` (`has_champion`),
# `"metrics"` (`has_metrics`) and `"identified_pain"` (`has_identified_pain`).

# %% answer q1
sold = world.subscriptions.merge(world.opportunities, on="opportunity_id")
flags = {"economic_buyer": "has_economic_buyer", "champion": "has_champion",
         "metrics": "has_metrics", "identified_pain": "has_identified_pain"}
handoff_gaps = {item: (~sold[flag]).mean() for item, flag in flags.items()}

# %% tests q1
ex.q1.check(handoff_gaps)
# hidden
ex.q1.grade(handoff_gaps)

# %% [markdown]
# Each of those shares is a list of accounts customer success starts on blind. The fix
# is a handoff checklist in the SLA between sales and customer success, the same way
# module 03's SLA covers the handoff from marketing to sales: the deal cannot move to
# closed-won until every item is filled in or marked "unknown, and here is why".
#
# ## 2. Revenue retention: gross and net
#
# Retention follows the customers you **already had**. Over a window (here the 12 months
# up to `world.reference_date`):
#
# | Measure | Formula | What it counts |
# |---|---|---|
# | NRR, net revenue retention | ARR now of the customers you had at the start / their ARR then | expansion, contraction and churn |
# | GRR, gross revenue retention | the same, each customer capped at its ARR then | contraction and churn only (never above 100%) |
# | logo retention | customers still active / customers at the start | customers, not revenue |
#
# New customers won during the window are **not** in either: they are growth from sales,
# and adding them would let new deals hide lost ones. A subscription's ARR at a date is
# the `arr_after` of its last event on or before that date. Published medians for B2B SaaS
# (2024-2025 surveys) put NRR near 97% for SMB, 108% mid-market and 118% enterprise, and
# GRR near 88-90% (about 80% in SMB).

# %%
start_day = world.reference_date - pd.DateOffset(years=1)
print(f"The window: {start_day:%d %b %Y} to {world.reference_date:%d %b %Y}")
world.subscription_events.type.value_counts()

# %% [markdown]
# ## Exercise 2: net revenue retention by segment
#
# Take the subscriptions with ARR above 0 on `start_day`. Store in `nrr_by_segment`, per
# segment, the sum of their ARR now divided by the sum of their ARR on `start_day`
# (churned ones count at 0; customers who started after `start_day` are left out).

# %% answer q2
events = world.subscription_events.sort_values(["occurred_at", "event_id"])
then = events[events.occurred_at <= start_day].groupby("subscription_id").arr_after.last()
then = then[then > 0]
now = events.groupby("subscription_id").arr_after.last().reindex(then.index)
segment = world.subscriptions.set_index("subscription_id").segment.reindex(then.index)
nrr_by_segment = now.groupby(segment).sum() / then.groupby(segment).sum()

# %% tests q2
ex.q2.check(nrr_by_segment)
# hidden
ex.q2.grade(nrr_by_segment)

# %% [markdown]
# ## Exercise 3: gross revenue retention by segment
#
# Now the same customers with each one's ARR now **capped** at its ARR then
# (`now.clip(upper=then)`): an upsell at one account must not hide a loss at another.
# Store the result per segment in `grr_by_segment`.

# %% answer q3
grr_by_segment = now.clip(upper=then).groupby(segment).sum() / then.groupby(segment).sum()

# %% tests q3
ex.q3.check(grr_by_segment)
# hidden
ex.q3.grade(grr_by_segment)

# %%
if ex.q2.answered(nrr_by_segment) and ex.q3.answered(grr_by_segment):
    display(shown(pd.DataFrame({"net_retention_rate": nrr_by_segment, "gross_retention_rate": grr_by_segment}), percent="all"))

# %% [markdown]
# The gap between the two columns is expansion: revenue customer success (and the AEs who
# work existing accounts) added on top of what the customers already paid. Read GRR first:
# it says how much of the base leaks. An NRR above 100% with a low GRR is a leaky bucket
# being refilled by a few large upsells.
#
# ## 3. Cohorts: when does revenue leave?
#
# A **cohort** is the customers who started in the same quarter. Following each cohort's
# ARR over time shows whether young customers leave at their first renewal (an onboarding
# or a sales-fit problem) or whether old ones fade.
#
# ## Exercise 4: net retention by start-quarter cohort
#
# Group `world.subscriptions` by the quarter of `start_date` (as text, e.g. `"2025Q3"`)
# and store in `cohort_nrr` each cohort's sum of `arr` (ARR now, 0 if churned) divided by
# its sum of `arr_start`.

# %% answer q4
subs = world.subscriptions
sums = subs.groupby(subs.start_date.dt.to_period("Q").astype(str))[["arr", "arr_start"]].sum()
cohort_nrr = sums.arr / sums.arr_start

# %% tests q4
ex.q4.check(cohort_nrr)
# hidden
ex.q4.grade(cohort_nrr)

# %%
if ex.q4.answered(cohort_nrr):
    ax = cohort_nrr.plot.bar(figsize=(7, 3), rot=0, title="ARR now / ARR at the start, by start quarter")
    ax.axhline(1, color="grey", linestyle="--")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}");

# %% [markdown]
# The youngest cohorts have not reached a renewal yet: nobody in them could churn. Explore
# the cohorts quarter by quarter: switch between net, gross and logo retention and
# between segments. Where do the lines drop: at the first renewal, or later?

# %%
from crosstrain.notebook.widgets.retention_cohorts import retention_explorer

retention_explorer(world)

# %% [markdown]
# ## 4. Churn: what customers say and what the deal already showed
#
# When a customer leaves, the CSM records a reason. The ARR each reason took:

# %%
from crosstrain.notebook.exercises.retention.lesson import churn_reasons

shown(churn_reasons(world))

# %% [markdown]
# Some of these reasons were visible before the contract was signed. A deal closed with a
# heavy discount renews at a price the customer never valued; a deal closed without the
# economic buyer renews with someone who never agreed to it; a deal with no champion has
# nobody inside to spread the product. Those are **sale-time signals**, and the CRM has
# them on the won deal: `discount_pct` (20% and more is module 06's heaviest band),
# `has_economic_buyer` and `has_champion`.
#
# A churn rate is only fair on customers who **could** have churned: those whose first
# renewal (`start_date` plus `term_months`) has already come.
#
# ## Exercise 5: churn by sale-time signal
#
# Among the subscriptions whose first renewal date is on or before `world.reference_date`,
# store in `churn_by_signal` the share with `status == "churned"` among those with each
# signal: `"discount_heavy"` (`discount_pct >= 20`), `"no_economic_buyer"`,
# `"no_champion"`, and `"none"` (none of the three).

# %% answer q5
sold = world.subscriptions.merge(world.opportunities.drop(columns=["account_id", "segment"]), on="opportunity_id")
due = sold[[s + pd.DateOffset(months=m) <= world.reference_date for s, m in zip(sold.start_date, sold.term_months)]]
heavy, no_eb, no_champion = due.discount_pct >= 20, ~due.has_economic_buyer, ~due.has_champion
churned = due.status == "churned"
churn_by_signal = {"discount_heavy": churned[heavy].mean(), "no_economic_buyer": churned[no_eb].mean(),
                   "no_champion": churned[no_champion].mean(), "none": churned[~(heavy | no_eb | no_champion)].mean()}

# %% tests q5
ex.q5.check(churn_by_signal)
# hidden
ex.q5.grade(churn_by_signal)

# %%
if ex.q5.answered(churn_by_signal):
    display(shown(pd.Series(churn_by_signal, name="churn_rate")))

# %% [markdown]
# Compare each signal's rate with "none": that difference is what the shortcut cost at
# renewal. In this CRM customers sold with either a heavy discount or no economic buyer
# churn more often than customers sold with none of the signals; a missing champion shows
# less at renewal than in expansion (a champion spreads the product to new teams). Each
# group is small, so one signal alone can swing from one world to another: read the
# direction, not the decimals.
# It is an argument sales and customer success can settle together: a discount above the
# band, or a close without the economic buyer, needs the CSM's sign-off or a plan to meet
# the buyer in the first 90 days. A "champion left" churn reason is the same lesson one
# step later: a deal with one contact hangs on one person, so the handoff names the
# champion **and** a second contact.
#
# ## 5. Expansion: revenue after the close
#
# Expansion deals are opportunities on existing customers (`type == "expansion"`, no lead
# and no campaign): more seats, a new team, an upsell. Who owns them, won and lost:

# %%
from crosstrain.notebook.exercises.retention.lesson import expansion_sources

shown(expansion_sources(world), money=["won", "lost"])

# %%
closed = world.opportunities[world.opportunities.is_closed]
shown(closed.groupby("type").is_won.mean().rename("win_rate").to_frame())

# %% [markdown]
# Expansion deals are owned by a CSM, and they win far more often than new business: the
# buyer already knows the product and the people. That is why expansion pipeline is cheap
# revenue, and why a CSM who finds it needs the AE's notes on who decides and what the
# customer was promised.

# %% [markdown]
# ## Exercise 6: expansion won in the last 12 months
#
# Store in `expansion_won` the amount of the **won** expansion deals whose `close_date`
# is after `start_day` and on or before `world.reference_date`, per segment, with every
# segment present (0 where there is none).

# %% answer q6
deals = world.opportunities
won = deals[(deals.type == "expansion") & deals.is_won & (deals.close_date > start_day) & (deals.close_date <= world.reference_date)]
expansion_won = won.groupby("segment").amount.sum().reindex(["smb", "mid_market", "enterprise"], fill_value=0)

# %% tests q6
ex.q6.check(expansion_won)
# hidden
ex.q6.grade(expansion_won)

# %% [markdown]
# ## Referral loops: from happy customers back into marketing
#
# A customer whose ARR grew is the best source of the next customer: a reference call, a
# case study, a referral. In this CRM, referral leads arrive on the `referral` channel, and
# module 02 showed how they convert compared with paid channels:

# %%
inbound = world.leads[world.leads.source_channel != "outbound"]
converted = inbound.opportunity_id.isin(world.opportunities.opportunity_id[world.opportunities.is_won])
shown(converted.groupby(inbound.source_channel).mean().sort_values(ascending=False).rename("lead_to_won_rate").to_frame())

# %% [markdown]
# The loop needs the three teams: customer success names the accounts that expanded and
# renewed (the top of `nrr_by_segment`'s story), marketing asks them for a case study or a
# referral and runs the referral programme, and sales gets the references it can put in
# front of a prospect who doubts (module 05's trust objection: "proof, references, a pilot").
#
# ## 6. A shared message map from lost deals
#
# Marketing's content should answer the objections that lose deals, in the words sales
# already uses. The raw material is in the CRM: the loss reason and competitor on each lost
# deal, and the objections buyers raised on calls.

# %%
deals = world.opportunities
lost = deals[(deals.type == "new_business") & deals.is_closed & ~deals.is_won]
pd.crosstab(lost.loss_reason, lost.competitor.fillna("none named"), margins=True)

# %% [markdown]
# ## Exercise 7: the objections behind lost deals
#
# For the lost new-business deals (`lost` above), store in `lost_objections` the number of
# deals on whose calls each `objection_category` was raised (`world.call_notes`), counting
# a deal once per category however many times it came up.

# %% answer q7
raised = world.call_notes[world.call_notes.opportunity_id.isin(lost.opportunity_id)].dropna(subset=["objection_category"])
lost_objections = raised.drop_duplicates(["opportunity_id", "objection_category"]).objection_category.value_counts()

# %% tests q7
ex.q7.check(lost_objections)
# hidden
ex.q7.grade(lost_objections)

# %% [markdown]
# A message map turns that count into work: one row per objection, most frequent first,
# with the message, the proof and who owns each piece. A battlecard is the same map for
# one competitor, on one page the AE has open during the call. Three example rows:
#
# | Objection (lost deals) | Message (one sentence, the buyer's words) | Proof marketing provides | Sales' probe (module 05) | CS evidence |
# |---|---|---|---|---|
# | price | the cost of the problem against our price | ROI calculator, case study with numbers | "Too expensive compared with what?" | NRR of customers like them |
# | competitor | where we differ, said plainly | side-by-side comparison | the cost of staying as they are | customers who switched, and stayed |
# | timing | what waiting costs | a 30-day pilot offer | "What changes next quarter?" | time to first value |
#
# ## 7. A shared wins report
#
# Celebrating together works when everyone sees their part of each win: marketing the
# deals it sourced, sales the new business, customer success the expansion. Last complete
# quarter, per segment:

# %%
from crosstrain.notebook.exercises.retention.lesson import wins_report

report = wins_report(world)
print(f"Wins in {report.attrs['quarter']}")
shown(report, money=["new_business_won", "expansion_won", "marketing_sourced_won"])

# %% [markdown] locked renewal_plan_prompt
# ## Written: next quarter's joint plan for renewals and expansion (graded by your trainer)
#
# Write the plan marketing, customer success and sales would present **together** for next
# quarter. Cover: (1) where revenue leaks, with the segment's GRR and NRR and the churn
# reason that costs most; (2) one handoff rule sales commits to, tied to a sale-time signal
# and its churn rate from this notebook; (3) the expansion target, from the expansion won
# in the last 12 months, and who sources it; (4) one piece of content or programme marketing delivers
# (a referral or reference programme, or a message map entry for the top lost-deal
# objection), and (5) how the three teams will report and celebrate wins together. Each
# commitment needs a number, an owner and a date. Write it as "we".

# %% [markdown] written renewal_plan points=5
# *(A model answer: the values are each world's own, so it names where each comes from;
# yours are the numbers your notebook printed.)*
#
# **Where revenue leaks.** Our gross retention is lowest in the segment with the smallest
# `grr_by_segment`; its net retention (`nrr_by_segment`) shows how much expansion refills
# it. The churn reason that took the most ARR (`churn_reasons`) is where the CSM team
# starts: we review every account up for renewal next quarter that shows it.
#
# **Handoff rule (sales).** From next quarter, no deal moves to closed-won without the
# economic buyer named and met: customers sold without one churned at the
# `no_economic_buyer` rate against the `none` rate for deals with no signal. Owner: the
# sales director; the CSM signs the handoff checklist within five business days of the close.
#
# **Expansion (customer success).** Next quarter we win at least a quarter of the expansion
# we won in the last 12 months (`expansion_won`, summed over the segments), segment by
# segment. CSMs source it; AEs join for deals above $50k. Owner: the head of customer success.
#
# **Marketing.** A reference programme: the five accounts with the highest ARR growth get
# a case study by mid-quarter, and a message-map page for the top objection on lost deals
# (`lost_objections`) with a proof point, reviewed with two AEs. Owner: product marketing.
#
# **Together.** A monthly wins report (new business, marketing-sourced, expansion) in
# the all-hands; each win names the marketer, the AE and the CSM behind it.

# %% [markdown] locked key_points
# ## Key points
#
# - The handoff passes on what the AE learned: economic buyer, champion, success metrics,
#   pain, discount and competitor. A gap there is an account customer success starts blind.
# - NRR = ARR now / ARR then of the customers you had at the start (expansion, contraction
#   and churn count, new customers do not); GRR caps each customer at its ARR then, so it
#   never exceeds 100%. Both are ratios of sums, not averages of ratios.
# - Cohorts by start quarter show when revenue leaves; keep churned customers in, at 0.
# - Churn rates are fair only on customers whose renewal has come; compare churn with a
#   signal against churn with none, never the share of churned customers with the signal.
# - Expansion is the deals won on existing customers, owned by CSMs; happy customers feed
#   referrals and references back to marketing.
# - A message map starts from what lost deals: objections counted once per deal, with a
#   message, a proof and an owner; a wins report shows every team's part of each win.
