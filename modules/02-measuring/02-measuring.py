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

# %% [markdown] locked intro
# ## Two scoreboards, one CRM
#
# Marketing and sales keep score differently. Marketing counts what happens **before**
# the first conversation: impressions, clicks, leads, and what each costs. Sales counts
# what happens **after**: deals won, their size, how long they take, and quota.
# Both scoreboards are right, and both can mislead when read alone: a channel can give
# marketing its cheapest leads and give sales its most expensive qualified ones.
#
# In this module you compute each team's core metrics on the CRM, exactly as the formulas
# define them, and then look at where the two scoreboards disagree.
#
# Run the next cell first: it loads the CRM as `world` and this module's exercises as `ex`.

# %% locked setup
import pandas as pd

from crosstrain.notebook import ____, start  # noqa: F401 (____ is the blank of each answer cell)
from crosstrain.notebook.exercises.measuring.lesson import GROSS_MARGIN

world, ex = start("02-measuring")
camps, leads, deals = world.campaigns, world.leads, world.opportunities

# %% [markdown]
# ## 1. Marketing metrics: what a channel costs and what it brings
#
# `world.campaigns` has one row per marketing programme: its `channel`, its `budget`
# (planned) and `actual_cost` (spent), and what it reached. Paid media (display, paid
# search, paid social) are bought by the impression, so they have `impressions` and
# `clicks`; email campaigns have `emails_sent` and `clicks`.

# %%
camps[["name", "channel", "budget", "actual_cost", "impressions", "clicks", "emails_sent"]].head()

# %% [markdown]
# **Click-through rate (CTR) = clicks / impressions**: of the people who saw the ad, the
# share who clicked. For a channel, add up its campaigns' clicks and impressions first,
# then divide: averaging each campaign's own rate would let a tiny campaign weigh as
# much as a huge one. Email has its own version, the click rate, clicks / emails sent:

# %%
email = camps[camps.channel == "email"]
print(f"email click rate: {email.clicks.sum() / email.emails_sent.sum():.2%}")

# %% [markdown]
# ## Exercise 1: CTR by paid channel
#
# Store in `ctr` a Series (or dict) with the CTR of each paid-media channel (the channels
# whose campaigns have impressions), as shares between 0 and 1, indexed by channel.
# Benchmarks to compare with: search ads about 6-7%, display well under 1%.

# %% answer q1
paid = camps[camps.impressions > 0]
totals = paid.groupby("channel")[["clicks", "impressions"]].sum()
ctr = totals.clicks / totals.impressions
ctr

# %% tests q1
ex.q1.check(ctr)
# hidden
ex.q1.grade(ctr)

# %% [markdown]
# **Cost per lead (CPL) = spend / leads.** Spend is `actual_cost`, what was really paid;
# the `budget` is only the plan, and campaigns rarely land on it exactly:

# %%
camps[["budget", "actual_cost"]].sum()

# %% [markdown]
# Each lead's `source_channel` says which channel brought it in (outbound leads come from
# SDRs and have no campaign, so no marketing cost). The cost per lead of email:

# %%
email_spend = camps.loc[camps.channel == "email", "actual_cost"].sum()
print(f"email cost per lead: ${email_spend / (leads.source_channel == 'email').sum():,.2f}")

# %% [markdown]
# ## Exercise 2: cost per lead of paid search
#
# Store the cost per lead of the `paid_search` channel, in dollars, in `cpl_paid_search`.

# %% answer q2
spend = camps.loc[camps.channel == "paid_search", "actual_cost"].sum()
n_leads = (leads.source_channel == "paid_search").sum()
cpl_paid_search = spend / n_leads

# %% tests q2
ex.q2.check(cpl_paid_search)
# hidden
ex.q2.grade(cpl_paid_search)

# %% [markdown]
# ### What this CRM can and cannot measure
#
# Marketing also works on **brand awareness** (how many people in the market know the
# company) and **traffic** (visits to the website). This CRM cannot measure either.
# It sees what the ad platforms report (impressions and clicks of paid media), the
# e-mails sent, and the people who became leads, with their touches: every touch in
# `world.touchpoints` belongs to a lead, including the visits they made before they
# filled in a form (attached when the lead was created). A visitor who never became a
# lead is not in the CRM at all. Awareness needs surveys or branded-search volume, and
# traffic needs the web analytics tool; the CRM starts where a person becomes known.

# %% [markdown]
# ## 2. Conversion rate and cost per SQL: what the leads become
#
# A lead is not a customer. A **conversion rate** is the share of one step that reaches
# the next: here the share of a channel's leads that sales qualified (an SQL has a date in
# `sql_at`). Channels differ a lot:

# %%
lead_to_sql = leads.sql_at.notna().groupby(leads.source_channel).mean().sort_values()
lead_to_sql.plot.barh(title="Share of leads that became SQLs, by source channel", figsize=(6, 3));

# %% [markdown]
# **Cost per SQL = spend / SQLs.** It equals the cost per lead divided by the lead-to-SQL
# rate, so a channel with cheap leads that rarely qualify can be an *expensive* source of
# SQLs, and a channel with pricey leads that often qualify can be a cheap one. This is the number sales cares about:
# SQLs are what SDRs hand to AEs.
#
# ## Exercise 3: cost per SQL by channel
#
# Store in `cost_per_sql` a Series (or dict) with the cost per SQL of every channel that
# has campaigns (outbound has no marketing spend: leave it out), indexed by channel. A
# channel without a single SQL has no cost per SQL: leave it out too.

# %% answer q3
spend = camps.groupby("channel").actual_cost.sum()
sqls = leads[leads.sql_at.notna()].groupby("source_channel").size()
cost_per_sql = (spend / sqls).dropna()
cost_per_sql

# %% tests q3
ex.q3.check(cost_per_sql)
# hidden
ex.q3.grade(cost_per_sql)

# %% [markdown]
# ## Exercise 4: cheapest per lead, cheapest per SQL
#
# Marketing buys paid media; which of the three gives the cheapest leads, and which the
# cheapest SQLs? Store a dict in `paid_media_pick` with the keys `"cheapest_per_lead"` and
# `"cheapest_per_sql"`, each a channel name among `"display"`, `"paid_search"` and
# `"paid_social"`. Each key right earns half the points.

# %% answer q4
media = ["display", "paid_search", "paid_social"]
media_spend = camps.groupby("channel").actual_cost.sum()[media]
per_lead = media_spend / leads.groupby("source_channel").size()[media]
per_sql = media_spend / leads[leads.sql_at.notna()].groupby("source_channel").size()[media]
paid_media_pick = {"cheapest_per_lead": per_lead.idxmin(), "cheapest_per_sql": per_sql.idxmin()}
paid_media_pick

# %% tests q4
ex.q4.check(paid_media_pick)
# hidden
ex.q4.grade(paid_media_pick)

# %% [markdown]
# ## 3. Return on investment: did the spend pay back?
#
# **ROI = (attributed gross profit - spend) / spend.** Two choices hide in it:
#
# - **Attribution**: which revenue a campaign gets credit for. Here we keep it simple: a
#   won deal's whole amount goes to the campaign in its `campaign_id`, which in this CRM is
#   always the campaign that sourced its lead. Salesforce's default report is close but
#   not the same: it credits the deal's *Primary Campaign Source*, which Salesforce sets,
#   when the lead converts, to the campaign **most recently** associated with the lead.
#   Here, for about 6 in 10 won deals that a campaign sourced, another campaign touched
#   the lead after the one that sourced it, and Salesforce would credit that later
#   campaign. Module 07 shares credit across every touch instead.
# - **Gross profit**, not revenue: a dollar of revenue costs something to deliver. We
#   assume a gross margin of `GROSS_MARGIN` (80%, typical of software).
#
# ROI of 0 means the gross profit only paid the spend back; 2 means it was three times the spend.
# (ROAS, revenue / spend, is a different, flattering number.) One campaign:

# %%
top = camps.sort_values("actual_cost").iloc[-1]
won_deals = deals[deals.is_won]
revenue = won_deals.loc[won_deals.campaign_id == top.campaign_id, "amount"].sum()
top["name"], (revenue * GROSS_MARGIN - top.actual_cost) / top.actual_cost

# %% [markdown]
# Deals take months to close: a campaign from last month has open deals but few wins yet,
# so its ROI looks worse than it will be. Compare channels over the same long period.
#
# ## Exercise 5: ROI by channel
#
# Store in `roi` a Series (or dict) with the ROI of every channel that has campaigns,
# indexed by channel, with won revenue attributed through each deal's `campaign_id` and a
# gross margin of `GROSS_MARGIN`.

# %% answer q5
wins = deals[deals.is_won]
channel = wins.campaign_id.map(camps.set_index("campaign_id").channel)
spend = camps.groupby("channel").actual_cost.sum()
revenue = wins.amount.groupby(channel).sum().reindex(spend.index, fill_value=0)
roi = (revenue * GROSS_MARGIN - spend) / spend
roi

# %% tests q5
ex.q5.check(roi)
# hidden
ex.q5.grade(roi)

# %% [markdown]
# Before you rank channels by ROI, count the won deals behind each one. A channel's ROI
# rests on a few dozen won deals at most, and the smallest channel's on fewer than 20.
# With so few, luck weighs heavily: one typical won deal more or less moves the ROI of
# the channel with the least spend by about 0.1 (ten percentage points), so two channels
# whose ROIs are close may swap places next year. Read an ROI with its count of wins next
# to it, and act only on large differences.

# %%
won_by_channel = deals[deals.is_won].campaign_id.map(camps.set_index("campaign_id").channel)
won_by_channel.value_counts().rename("won deals behind the ROI")

# %% [markdown]
# ## 4. Sales metrics: win rate, deal size, cycle length
#
# `world.opportunities` holds every deal: open ones (`is_closed` False) and closed ones,
# won (`is_won`) or lost. Its `type` says what kind: `new_business` (a new customer, the
# deals the funnel above makes) or `expansion` (a customer's CSM selling more; module 09).
# The sales metrics here are about winning new customers, so keep new business, as a
# Salesforce report filters on Opportunity Type:

# %%
deals = deals[deals.type == "new_business"]
deals.shape[0]

# %% [markdown]
# **Win rate = won / (won + lost).** Open deals are not decided yet, so they stay out of
# the denominator; counting them would make the win rate drop every time sales opens a
# deal. **By count** each deal weighs one; **by value** each weighs its amount (won amount
# / closed amount), which tells you whether the big deals win as often as the small ones.
# For the whole company:

# %%
done = deals[deals.is_closed]
won_deals = done[done.is_won]
print(f"win rate by count {len(won_deals) / len(done):.1%}, by value {won_deals.amount.sum() / done.amount.sum():.1%}")

# %% [markdown]
# **Average deal size = won amount / won count**: the size of the deals we actually win,
# not of every deal we open.

# %%
won_deals.amount.sum() / len(won_deals)

# %% [markdown]
# ## Exercise 6: one segment's win rates and deal size
#
# Segments behave differently: smaller companies decide faster and buy smaller. For the
# `mid_market` segment, store a dict in `mid_market` with the keys
# `"win_rate_by_count"`, `"win_rate_by_value"` (both between 0 and 1) and
# `"average_deal_size"` (dollars). Each key right earns a third of the points.

# %% answer q6
seg = deals[deals.segment == "mid_market"]
seg_done = seg[seg.is_closed]
seg_wins = seg_done[seg_done.is_won]
mid_market = {
    "win_rate_by_count": len(seg_wins) / len(seg_done),
    "win_rate_by_value": seg_wins.amount.sum() / seg_done.amount.sum(),
    "average_deal_size": seg_wins.amount.sum() / len(seg_wins),
}
mid_market

# %% tests q6
ex.q6.check(mid_market)
# hidden
ex.q6.grade(mid_market)

# %% [markdown]
# **Cycle length = median(close_date - created_at) of won deals**, in days. Median, not
# mean: a few deals drag on for many months and pull the mean up, as the picture shows.

# %%
days = (won_deals.close_date - won_deals.created_at) / pd.Timedelta(days=1)
ax = days.plot.hist(bins=40, figsize=(6, 3), title="Days from creation to close, won deals")
ax.axvline(days.median(), color="black", label="median")
ax.axvline(days.mean(), color="red", linestyle="--", label="mean")
ax.legend();

# %% [markdown]
# ## Exercise 7: how long an enterprise deal takes
#
# Store the median cycle length of **won enterprise** deals, in days, in
# `enterprise_cycle` (decimal days, or whole days with `.dt.days`: both are accepted).

# %% answer q7
ent_wins = deals[(deals.segment == "enterprise") & deals.is_won]
enterprise_cycle = ((ent_wins.close_date - ent_wins.created_at) / pd.Timedelta(days=1)).median()

# %% tests q7
ex.q7.check(enterprise_cycle)
# hidden
ex.q7.grade(enterprise_cycle)

# %% [markdown]
# ## 5. Quota attainment
#
# Each AE (account executive) has a quota for every quarter they work, in `world.quotas`
# (`user_id`, `quarter`, `quota`, `ramp_pct`): the company plan sets it top-down, and a new
# AE's quota is phased while they ramp (`ramp_pct` below 100). `world.users.quarterly_quota`
# is only the current quarter's. **Attainment = bookings / quota**, where bookings are the
# amounts of the deals the AE **won** with a `close_date` in that quarter. The company's
# bookings by quarter of close:

# %%
won_deals.amount.groupby(won_deals.close_date.dt.to_period("Q")).sum()

# %% [markdown]
# The CRM's "today" is `world.reference_date`; the quarter it falls in is not over yet,
# so attainment is judged on the last **complete** quarter before it. A pandas `Period`
# does the calendar work: `world.reference_date.to_period("Q") - 1`.
#
# ## Exercise 8: attainment of every AE
#
# Store in `attainment` a Series (or dict) indexed by `user_id`, with each AE's
# attainment (a ratio: 1.0 means exactly at quota) in the last complete quarter before
# `world.reference_date`. Every AE with a quota in that quarter counts, including any who
# booked nothing.

# %% answer q8
quarter = world.reference_date.to_period("Q") - 1
quota = world.quotas[world.quotas.quarter == str(quarter)].set_index("user_id").quota
wins = deals[deals.is_won]
in_quarter = wins[wins.close_date.dt.to_period("Q") == quarter]
booked = in_quarter.groupby("owner_id").amount.sum()
attainment = booked.reindex(quota.index, fill_value=0) / quota

# %% tests q8
ex.q8.check(attainment)
# hidden
ex.q8.grade(attainment)

# %% [markdown]
# Attainment spreads widely from one AE to the next, and a few AEs may have booked
# nothing at all in a quarter: exactly the people a team average would hide.

# %%
if ex.q8.answered(attainment):
    ax = attainment.sort_values().plot.barh(title="AE attainment, last complete quarter", figsize=(6, 4))
    ax.axvline(1, color="black", linestyle="--");

# %% [markdown]
# ## 6. When the two scoreboards disagree
#
# Put the two teams' favourite channel metrics side by side: marketing's cost per lead
# and sales' cost per SQL. Pick a metric in the widget and see how the ranking of
# channels changes (cost per won deal and ROI go one step further down the funnel).

# %%
from crosstrain.notebook.widgets.channel_compare import channel_table, compare_channels

compare_channels(world)

# %% [markdown]
# The same story in one picture: each dot is a channel. Channels to the left give cheap
# leads; channels near the bottom give cheap SQLs. They are not always the same channels.

# %%
table = channel_table(world).dropna(subset=["cost_per_sql"])
ax = table.plot.scatter("cost_per_lead", "cost_per_sql", figsize=(6, 4), title="Cost per lead vs cost per SQL")
for name, row in table.iterrows():
    ax.annotate(name, (row.cost_per_lead, row.cost_per_sql), fontsize=8)

# %% [markdown]
# Why the teams' numbers disagree, and what to do about it:
#
# - **Different denominators.** Cost per lead rewards volume; cost per SQL rewards
#   quality. A channel that looks cheapest to marketing can cost sales the most per
#   qualified conversation (look again at your answer to exercise 4).
# - **Different clocks.** Marketing's metrics are known the day a campaign ends; won
#   revenue arrives months later (the median enterprise cycle from exercise 7). Judging
#   ROI too early penalises channels with long cycles.
# - **Different weights.** Win rate by count and by value can move apart: if big deals
#   lose more often, the count looks fine while the revenue suffers.
# - **One team's metric can be gamed at the other's expense.** Lowering the MQL bar
#   raises the number of MQLs and lowers the cost per MQL (leads and cost per lead do not
#   move: they are counted before the bar), and sales pays with a lower MQL-to-SQL
#   conversion rate. Shared metrics that span the handoff (cost per SQL, pipeline and
#   revenue sourced, ROI) keep both teams pulling the same way.

# %% [markdown] locked shared_kpis_prompt
# ## Written: three KPIs for a shared dashboard (graded by your trainer)
#
# Marketing and sales will share one dashboard with exactly **three KPIs**. Choose them
# and defend each in two or three sentences: its formula, which team it holds to account
# (or both), what behaviour it rewards, and how it could be gamed or misread. Use at
# least one number you computed in this module. There is no single right answer.

# %% [markdown] written shared_kpis points=4
# 1. **Cost per SQL by channel** (actual cost / SQLs). It joins marketing's spend to what
#    sales accepts as a real opportunity, so marketing cannot win by buying cheap leads
#    that never qualify: display gives some of the cheapest paid leads here but is among
#    the most expensive per SQL. It could be gamed by loosening SQL criteria, so it sits
#    next to the win rate.
# 2. **Win rate by value over closed deals** (won amount / closed amount). It holds sales
#    to account for converting pipeline into revenue, and by value it does not let many
#    small wins hide the loss of the big deals. Excluding open deals keeps it honest.
# 3. **ROI by channel on won revenue at an 80% margin**, reviewed on campaigns old enough
#    to have closed (longer than the median cycle). It is the one number both teams move
#    together: marketing by choosing channels, sales by closing what those channels
#    source. Its weakness is the single-touch attribution, which ignores nurture touches.

# %% [markdown]
# ## Key points
#
# - CTR = clicks / impressions, summed per channel before dividing; search ads sit near
#   6%, display well under 1%.
# - Cost metrics use `actual_cost` (what was spent), never the budget (what was planned).
# - The CRM measures from the moment a person becomes known (plus the ad platforms'
#   impressions and clicks): brand awareness and total website traffic need surveys and
#   web analytics.
# - Cost per SQL = cost per lead / lead-to-SQL rate: cheap leads that rarely qualify are
#   expensive SQLs.
# - ROI = (attributed gross profit - spend) / spend: say which attribution and which
#   margin you assume, give deals time to close, and count the wins behind it.
# - Win rate = won / (won + lost), over closed deals only, by count and by value; average
#   deal size = won amount / won count; cycle length = median days to close of won deals.
# - Attainment = bookings (won, closed in the quarter) / quota, for every AE, including
#   those who booked nothing, in the last complete quarter.
# - Marketing's and sales' metrics disagree because they use different denominators,
#   clocks and weights; a shared dashboard needs metrics that cross the handoff.
