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
# ## Two teams, one revenue engine
#
# Marketing and sales both work for the same number, revenue, but they do very different
# work to get there. In this module you will see what each team does and measures, which
# team owns a lead at each step of its life, and then do a piece of market research
# together: on the company's own closed deals, which kind of customer is worth the most?
#
# Run the next cell first: it loads the CRM as `world`, this module's exercises as `ex`,
# and writes out `STAGE_OWNER`, the company's map from lifecycle stage to the team that
# owns it (the map you drew in module 00), and `STATUS_DESK`, which you will meet in
# exercise 4.

# %% locked setup
import matplotlib.pyplot as plt
import pandas as pd

from crosstrain.notebook import ____, start  # noqa: F401 (____ is the blank of each answer cell)

world, ex = start("01-two-teams")
STAGE_OWNER = {"lead": "marketing", "mql": "marketing", "sal": "sdr", "sql": "sdr", "opportunity": "ae", "customer": "csm"}
STATUS_DESK = {"open": "marketing", "nurture": "marketing", "rejected": "marketing", "unworked": "sdr", "working": "sdr"}

# %% [markdown]
# ## 1. What each team does
#
# | | Marketing | Sales |
# |---|---|---|
# | Focus | **one-to-many**: awareness, interest, demand | **one-to-one**: conversations, deals |
# | Objectives | brand awareness, attract and nurture leads, promote offers, manage relationships | acquire customers, influence purchase decisions, revenue and profit, long-term accounts |
# | Activities | market research, positioning, branding and advertising, lead generation and nurturing | prospecting and qualification, building rapport, presenting solutions and handling objections, closing and negotiating |
# | Metrics | reach, impressions, traffic, click-through rate, leads, cost per lead, MQLs, sourced pipeline, ROI | revenue, win rate, deal size, cycle length, quota attainment, pipeline coverage |
# | Timing | before and around the first conversation | from a qualified lead to a signed contract |
#
# Sales here means two jobs: **SDRs** (sales development reps) answer and qualify leads,
# **AEs** (account executives) run the deals. After the signature, **CSMs** (customer
# success managers) look after the customer. Here is the team in this CRM:

# %%
world.users.role.value_counts()

# %% [markdown]
# "One-to-many" and "one-to-one" are visible in the data. A campaign reaches hundreds of
# people at once; a deal gets a handful of calls, e-mails and meetings, each with one
# buyer:

# %%
people_per_campaign = world.campaign_members.groupby("campaign_id").size()
touches_per_deal = world.activities.dropna(subset=["opportunity_id"]).groupby("opportunity_id").size()
print(f"A typical campaign reaches {people_per_campaign.median():,.0f} people.")
print(f"A typical deal gets {touches_per_deal.median():.0f} calls, e-mails and meetings from its AE.")

# %% [markdown]
# ## Exercise 1: who does what?
#
# Store a dict in `activity_team` that maps each activity to `"marketing"` or `"sales"`.
# Each activity right earns part of the points (up to half of them; all right earns them all).
#
# | key | the activity |
# |---|---|
# | `market_research` | studying the market: segments, needs, competitors |
# | `positioning` | deciding how the product is described, for whom and against which alternatives |
# | `branding_and_advertising` | the brand, ads, content that makes the company known |
# | `lead_generation_and_nurturing` | campaigns that bring in leads, e-mails and events that keep them warm |
# | `prospecting` | finding specific people at target companies and reaching out to them |
# | `building_rapport` | earning one buyer's trust in a conversation |
# | `presenting_and_handling_objections` | demos, proposals, answering "it's too expensive" |
# | `closing_and_negotiating` | terms, price, signature |

# %% answer q1
activity_team = {
    "market_research": "marketing",
    "positioning": "marketing",
    "branding_and_advertising": "marketing",
    "lead_generation_and_nurturing": "marketing",
    "prospecting": "sales",
    "building_rapport": "sales",
    "presenting_and_handling_objections": "sales",
    "closing_and_negotiating": "sales",
}

# %% tests q1
ex.q1.check(activity_team)
# hidden
ex.q1.grade(activity_team)

# %% [markdown]
# ## Exercise 2: whose scorecard?
#
# Each team is judged by the numbers its own work moves. Store a dict in `metric_team`
# that maps each metric to `"marketing"` or `"sales"`.
#
# | key | the metric |
# |---|---|
# | `impressions` | how many times ads were shown |
# | `click_through_rate` | clicks / impressions |
# | `cost_per_lead` | campaign spend / leads |
# | `mqls` | leads that reached the agreed fit and engagement threshold |
# | `sourced_pipeline` | value of the deals whose lead came from a campaign |
# | `campaign_roi` | (attributed gross profit - spend) / spend |
# | `win_rate` | won / (won + lost) |
# | `average_deal_size` | won amount / won deals |
# | `cycle_length` | median days from deal created to won |
# | `quota_attainment` | bookings / quota |
# | `pipeline_coverage` | open pipeline / remaining quota |

# %% answer q2
metric_team = {
    "impressions": "marketing",
    "click_through_rate": "marketing",
    "cost_per_lead": "marketing",
    "mqls": "marketing",
    "sourced_pipeline": "marketing",
    "campaign_roi": "marketing",
    "win_rate": "sales",
    "average_deal_size": "sales",
    "cycle_length": "sales",
    "quota_attainment": "sales",
    "pipeline_coverage": "sales",
}

# %% tests q2
ex.q2.check(metric_team)
# hidden
ex.q2.grade(metric_team)

# %% [markdown]
# ## 2. The lead's journey and who owns each stage
#
# A lead moves through **lifecycle stages**. Something recorded in the CRM moves it on,
# and each stage has one owner: the team accountable for moving leads through it:
#
# | stage | what it means | owner |
# |---|---|---|
# | lead | we know who the person is (a form, a list, an SDR's call) | marketing |
# | mql | marketing-qualified: fit and engagement reached the threshold both teams agreed on | marketing |
# | sal | sales-accepted: an SDR looked at the MQL and agreed to work it (a rejected MQL stays with marketing, with a reason, for nurturing) | SDR |
# | sql | sales-qualified: a conversation confirmed a real need, authority and timing | SDR |
# | opportunity | an AE opened a deal with an amount and a close date | AE |
# | customer | the contract is signed | CSM |
#
# Leads that SDRs find themselves (`source_channel == "outbound"`) skip the MQL stage.
# `world.lifecycle_history` has one row each time a lead entered a stage. Here is the
# journey of one lead that became a customer, with the owner at each step:

# %%
customer_lead = world.leads[world.leads.lifecycle_stage == "customer"].lead_id.iloc[0]
journey = world.lifecycle_history[world.lifecycle_history.lead_id == customer_lead]
journey.assign(owner=journey.stage.map(STAGE_OWNER))

# %% [markdown]
# Few leads get far. How many ever reached each stage (note the log scale: each bar is a
# fraction of the one before):

# %%
stages = list(STAGE_OWNER)
reached = world.lifecycle_history.stage.value_counts().reindex(stages)
reached.plot.bar(logy=True, figsize=(6, 3), title="Leads that ever reached each stage", rot=0);

# %% [markdown]
# ## Exercise 3: which event moves the lead?
#
# Store a dict in `event_stage` that maps each CRM event to the lifecycle stage the lead
# enters because of it: `"lead"`, `"mql"`, `"sal"`, `"sql"`, `"opportunity"`,
# `"customer"`, or `"none"` if the event does not change the stage by itself.
#
# | key | the event |
# |---|---|
# | `form_submitted` | someone new downloads a guide and leaves their e-mail |
# | `score_reached_mql_threshold` | the lead's fit and engagement score reaches the agreed threshold |
# | `sdr_accepted_the_lead` | an SDR reviews the MQL and accepts it |
# | `discovery_call_confirmed_need` | the SDR's discovery call confirms a real need, a decision maker and a timeline |
# | `ae_created_the_deal` | an AE opens a deal with an amount and a close date |
# | `deal_signed` | the buyer signs the contract |
# | `nurture_email_opened` | a lead opens a nurture e-mail (a few engagement points, still under the threshold) |

# %% answer q3
event_stage = {
    "form_submitted": "lead",
    "score_reached_mql_threshold": "mql",
    "sdr_accepted_the_lead": "sal",
    "discovery_call_confirmed_need": "sql",
    "ae_created_the_deal": "opportunity",
    "deal_signed": "customer",
    "nurture_email_opened": "none",
}

# %% tests q3
ex.q3.check(event_stage)
# hidden
ex.q3.grade(event_stage)

# %% [markdown]
# ## Whose desk is each lead on today?
#
# The stage map says which team is accountable for each stage. Whose desk a lead is on
# *today* is a different question, and `lifecycle_stage` cannot answer it: it holds the
# **furthest** stage the lead ever reached, and stays there when the lead stops moving.
# The lead's `status` says what is happening to it now. Side by side:

# %%
pd.crosstab(world.leads.lifecycle_stage, world.leads.status).reindex(list(STAGE_OWNER))

# %% [markdown]
# Almost every lead whose furthest stage is SAL or SQL was **disqualified** (a closed
# record: nobody works it any more), and most leads that reached "opportunity" belong to
# a deal that was **lost**. An MQL that no SDR has called yet (`unworked`) waits on sales,
# and the SLA clock is running (module 03). So, for each lead:
#
# | status | whose desk |
# |---|---|
# | `open`, `nurture`, `rejected` | marketing: new leads under the bar, leads in nurture, MQLs sales sent back with a reason |
# | `unworked`, `working` | SDR: an MQL waiting for its first call, a lead being worked |
# | `disqualified` | nobody: closed |
# | `converted` | follows its deal: the AE while the deal is open, the CSM once it is won, nobody once it is lost |
#
# `STATUS_DESK` (from the setup cell) holds the first two rows.
#
# **And `owner_id`?** In every CRM, `owner_id` is the record's owner: the person the
# record is assigned to. In this CRM a lead's `owner_id` is always an SDR: the one employed
# when the lead was first answered (or created), and it stays so after the lead converts,
# because the deal is a record of its own with its own `owner_id` (an AE). So `owner_id`
# tells you *who* on the sales team a lead was routed to; the status tells you which team
# has to act next.

# %%
world.leads.owner_id.map(world.users.set_index("user_id").role).value_counts()

# %% [markdown]
# ## Exercise 4: whose desk is each lead on?
#
# How many leads is each team working on right now? Use the table above: `STATUS_DESK`
# for the leads' own status and, for converted leads, the stage of their deal (an open
# deal is any stage other than `closed_won` and `closed_lost`). Leave closed records out.
# Store the result in `leads_by_owner`: a dict such as
# `{"marketing": ..., "sdr": ..., "ae": ..., "csm": ...}` or a pandas Series indexed by
# team. Each team's count right earns part of the points (up to half of them; all right
# earns them all).

# %% answer q4
deal_stage = world.leads.opportunity_id.map(world.opportunities.set_index("opportunity_id").stage)
desk = world.leads.status.map(STATUS_DESK)
desk[deal_stage == "closed_won"] = "csm"
desk[deal_stage.notna() & ~deal_stage.isin(["closed_won", "closed_lost"])] = "ae"
leads_by_owner = desk.value_counts()

# %% tests q4
ex.q4.check(leads_by_owner)
# hidden
ex.q4.grade(leads_by_owner)

# %% [markdown]
# ## 3. Market research on our own deals: the ideal customer profile
#
# Market research is marketing's job, and the best data source is the company's own
# CRM. The **ideal customer profile (ICP)** is the kind of company (segment, industry,
# size) where we win and that is worth the most to us. Marketing aims its campaigns at
# it; SDRs prospect in it first.
#
# Only **closed** deals (won or lost) tell us anything: an open deal is not decided yet.
# Three numbers per group, over closed deals:
#
# - **win rate** = won / (won + lost), by count;
# - **average deal size** = won amount / won deals;
# - **won revenue per closed deal** = won amount / closed deals, which is the same as
#   win rate x average deal size: what one deal taken to the end brings, on average.
#
# Here is the average deal size by segment (`smb` under 200 employees, `mid_market`
# 200 to 1,999, `enterprise` 2,000 and more):

# %%
closed = world.opportunities[world.opportunities.is_closed]
won = closed[closed.is_won]
avg_deal = won.groupby("segment").amount.mean()
avg_deal

# %% [markdown]
# ## Exercise 5: win rate by segment
#
# Store the win rate of each segment, by count over closed deals, in `win_rate`
# (a Series indexed by segment, or a dict), as shares between 0 and 1.

# %% answer q5
win_rate = closed.groupby("segment").is_won.mean()

# %% tests q5
ex.q5.check(win_rate)
# hidden
ex.q5.grade(win_rate)

# %% [markdown]
# Side by side, win rate and deal size pull in opposite directions: small companies say
# yes more often, big ones sign bigger contracts.

# %%
if ex.q5.answered(win_rate):
    order = ["smb", "mid_market", "enterprise"]
    fig, axes = plt.subplots(1, 2, figsize=(9, 3))
    pd.Series(win_rate).reindex(order).plot.bar(ax=axes[0], title="Win rate (closed deals)", rot=0)
    avg_deal.reindex(order).plot.bar(ax=axes[1], title="Average won deal ($)", rot=0);

# %% [markdown]
# ## Exercise 6: what a closed deal brings
#
# Store, for each segment, the won revenue per closed deal (won amount / number of
# closed deals, won and lost) in `revenue_per_deal` (a Series indexed by segment, or a
# dict), in dollars.

# %% answer q6
revenue_per_deal = closed.amount.where(closed.is_won, 0).groupby(closed.segment).mean()

# %% tests q6
ex.q6.check(revenue_per_deal)
# hidden
ex.q6.grade(revenue_per_deal)

# %% [markdown]
# ## Exercise 7: the ICP segment
#
# For this course, the **ICP segment** is the segment with the highest won revenue per
# closed deal: where a deal our AEs take to the end is worth the most. Store its name
# (`"smb"`, `"mid_market"` or `"enterprise"`) in `icp_segment`.

# %% answer q7
icp_segment = revenue_per_deal.idxmax()

# %% tests q7
ex.q7.check(icp_segment)
# hidden
ex.q7.grade(icp_segment)

# %% [markdown] locked icp_why_prompt
# ## Written: why win rate alone misleads (graded by your trainer)
#
# A sales manager wants to target the segment with the best win rate. In two to four
# sentences, tell them why win rate alone would mislead here: use your numbers from
# exercises 5 and 6 (each segment's win rate and won revenue per closed deal) and say
# what a win rate cannot show.

# %% [markdown] written icp_why points=2
# Win rate counts every win the same, whatever it is worth. SMB wins the most often
# (about a third of its closed deals in my notebook, enterprise about one in eight), but
# an enterprise deal is so much larger that a closed enterprise deal still brings the
# most won revenue (about $10.8k against $4.2k for SMB). Revenue per closed deal is the
# win rate times the average won deal, so targeting by win rate alone would send the
# team after the smallest deals.

# %% [markdown]
# In this world, win rate alone would have pointed elsewhere. Revenue per closed deal is
# still not the whole story: big deals also take longer to close (cycle length) and cost
# more to win, which later modules measure.
#
# ## The same research by industry
#
# `segment_table` (in the course library) builds the same three numbers for any column
# of the deal or its account. By industry, with the number of closed deals behind each
# row:

# %%
from crosstrain.notebook.exercises.two_teams.lesson import segment_table
from crosstrain.notebook.tables import shown

by_industry = segment_table(world, by="industry")
shown(by_industry[["closed", "win_rate", "avg_deal", "revenue_per_closed_deal"]].sort_values("closed", ascending=False))

# %% [markdown]
# Read the `closed` column before the rates: an industry with a few dozen closed deals
# can top the table because of one or two large wins, which is luck, not a profile. The
# industries with the most closed deals are the ones the company already treats as its
# ICP industries (software, financial services, healthcare): that is where its leads
# qualify best.
#
# ## Exercise 8: the ICP industry
#
# Only judge industries with enough evidence: keep those that hold **at least 10% of
# all closed deals**. Among them, which industry brings the most won revenue per closed
# deal? Store its name (as the data spells it, e.g. `"retail"`) in `icp_industry`.

# %% answer q8
enough = by_industry[by_industry.closed >= 0.10 * by_industry.closed.sum()]
icp_industry = enough.revenue_per_closed_deal.idxmax()

# %% tests q8
ex.q8.check(icp_industry)
# hidden
ex.q8.grade(icp_industry)

# %% [markdown]
# The differences between the big industries are much smaller than between segments,
# and the winner among them could change with next quarter's deals: the profile is "these
# industries, in bigger companies" more than one industry. The account's `icp_tier`
# combines both ideas (A: an ICP industry and at least 100 employees; B: an ICP industry
# or mid-market and up; C: the rest). Compare the tiers, and look again at how many
# closed deals stand behind tier C's win rate:

# %%
shown(segment_table(world, by="icp_tier")[["closed", "win_rate", "avg_deal", "revenue_per_closed_deal"]])

# %% [markdown] locked day_prompt
# ## A day in the life (graded by your trainer)
#
# Write two short timelines, one for an **SDR** and one for a **demand-generation
# marketer** at this company, from 9:00 to 17:00 (four to six entries each). Then, in two
# or three sentences, say where their days meet: which record passes from one to the
# other, and which number in this CRM each would check at the end of the day.

# %% [markdown] written day_in_the_life points=3
# **SDR.** 9:00 open the queue of new MQLs and call the newest first (speed to lead).
# 10:00 call block: first calls to the morning's MQLs, voicemails and follow-up e-mails.
# 11:30 discovery call with an accepted lead: need, authority, timeline; log it and mark
# the lead SQL. 13:30 reject two MQLs (a student, a free-mail address) with a reason code.
# 14:00 prospect into tier-A enterprise accounts by phone and LinkedIn. 16:00 hand an SQL
# to an AE with notes for the first meeting; update the CRM.
#
# **Demand-generation marketer.** 9:00 check yesterday's campaigns: spend, clicks,
# click-through rate, leads and cost per lead by channel. 10:00 compare channels on cost
# per SQL, not only cost per lead: display brings the cheapest paid leads, yet its SQLs
# cost more than search's, so I take it to the monthly budget review (its ROI rests on a
# handful of won deals, too few to move money on alone). 11:00 write the
# nurture e-mail for leads under the MQL threshold. 13:30 plan next month's webinar for
# healthcare companies with product marketing. 15:00 review with the SDR manager why MQLs were rejected last week.
# 16:30 report MQLs and sourced pipeline for the month.
#
# **Where they meet.** The MQL: the marketer's campaigns create it, the SDR accepts or
# rejects it. The marketer checks MQLs and cost per lead, and whether sales accepted them;
# the SDR checks time to first response and how many SALs became SQLs.

# %% [markdown] locked key_points
# ## Key points
#
# - Marketing works **one-to-many** (research, positioning, brand and ads, lead
#   generation and nurturing) before and around the first conversation; sales works
#   **one-to-one** (prospecting, rapport, presenting and objections, closing) from a
#   qualified lead to a signed contract. Each is measured by the numbers its work moves.
# - Each lifecycle stage has one owner: marketing owns **lead** and **MQL**, SDRs own
#   **SAL** and **SQL**, AEs the **opportunity**, CSMs the **customer**. A CRM event moves
#   the lead on; the handoffs are where leads get lost.
# - `lifecycle_stage` is the **furthest** stage a lead reached, not where it is now. Whose
#   desk a lead is on follows its **status** (and, once converted, its deal); closed
#   records (disqualified, lost) are on nobody's. `owner_id` is the record owner: here
#   the SDR the lead was routed to; the deal has its own owner, an AE.
# - Market research on closed deals only: **win rate = won / (won + lost)**, **average
#   deal size = won amount / won deals**, and won revenue per closed deal = win rate x
#   average deal size.
# - Win rate alone misleads: small companies win more often, large ones bring more per
#   deal. Check how many deals stand behind a rate before you believe it: rank only the
#   groups with enough closed deals.
