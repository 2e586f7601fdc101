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
# ## Who gets credit for a won deal?
#
# **Closed-loop reporting** follows every won dollar back to the marketing that touched
# the buyer: campaign to lead, lead to deal, deal to revenue. Without it, marketing can
# only report leads and clicks, and sales can only report wins; with it, both teams can
# see which programmes pay.
#
# The hard part is that a buyer touches many things before signing: an ad, a blog post,
# a webinar, three e-mails, the pricing page. An **attribution model** is the rule that
# shares each won deal's amount among those touches. In this module you build six models
# yourself, compare them with Salesforce's default report, separate the pipeline
# marketing *sourced* from the pipeline it *influenced*, and put CAC, LTV and payback on
# one page. Run the next cell first.

# %% locked setup
import pandas as pd

from crosstrain.notebook import ____, start  # noqa: F401 (____ is the blank of each answer cell)
from crosstrain.notebook.exercises.attribution.lesson import (
    ACQUISITION_ROLES,
    ANNUAL_CHURN,
    COST_PER_HEAD,
    GROSS_MARGIN,
    HALF_LIFE_DAYS,
    HISTORY_YEARS,
    touch_path,
)

world, ex = start("07-attribution")
camps, leads, deals, touches = world.campaigns, world.leads, world.opportunities, world.touchpoints

# %% [markdown]
# ## 1. The default report: the primary campaign source
#
# Every deal in this module is a **new-business** deal, `type == "new_business"`: a deal
# the marketing-to-sales funnel made for a new customer. The `"expansion"` deals, which
# CSMs open on existing customers (no lead, no campaign), are module 09's. A Salesforce
# report does the same with a filter on Opportunity Type:

# %%
deals.type.value_counts()

# %% [markdown]
# Out of the box, Salesforce credits a won deal's **whole amount to one campaign**: the
# primary campaign source, the `campaign_id` on the opportunity (here, the campaign that
# created the lead). It is simple and everyone can check it, but it sees one touch per
# deal and nothing of the rest. Outbound deals, which SDRs created without a campaign,
# get no marketing credit at all:

# %%
wins = deals[(deals.type == "new_business") & deals.is_won]
wins.campaign_id.isna().sum(), len(wins)

# %% [markdown]
# ## Exercise 1: the baseline
#
# Store in `primary_source` a Series (or dict) of won revenue by channel under the primary
# campaign source: every **won** deal's amount goes to the channel of its `campaign_id`.
# Channels with no credit may be left out.

# %% answer q1
wins = deals[(deals.type == "new_business") & deals.is_won]
channel = wins.campaign_id.map(camps.set_index("campaign_id").channel)
primary_source = wins.amount.groupby(channel).sum()
primary_source

# %% tests q1
ex.q1.check(primary_source)
# hidden
ex.q1.grade(primary_source)

# %% [markdown]
# ## 2. The touch path: which touches count
#
# `world.touchpoints` holds every marketing interaction of a lead: anonymous web visits
# and ad clicks from before the lead existed (attached when the form was filled), the
# touch that created the lead, the nurture that followed, and the buying group's touches
# while the deal was open (e-mails, sessions, the pricing page) up to days before the
# close. Each touch's campaign could have caused it: an ad click in its flight, an e-mail
# after its send, an attendance on the session's day. Linking touches to won deals is a
# merge on `lead_id`; here is one won deal's journey:

# %%
from crosstrain.notebook.widgets.attribution_models import attribution_explorer, plot_journey, share_table

journeys = touches.merge(wins[["opportunity_id", "lead_id", "amount", "created_at", "close_date"]], on="lead_id")
example = journeys.opportunity_id.iloc[len(journeys) // 2]
plot_journey(world, example);

# %% [markdown]
# Revenue attribution shares out **won** revenue, so it starts from the won deals. A
# deal's **touch path** is every touch of its lead up to the conversion, the win: touches
# with `occurred_at <= close_date`. Touches after the close (the grey dots, if the deal
# has any) are customer marketing, not what won the deal, and they stay out. A won deal
# with no touch in its path (an outbound deal marketing never touched) cannot be
# attributed, so every model below shares out the won revenue of the deals that *have* a
# path. How many touches a won deal's lead has, after the close included:

# %%
journeys.groupby("opportunity_id").size().describe()

# %% [markdown]
# ## Exercise 2: the window
#
# Store a dict in `window` with `"touches"`, the number of touches that count for
# attribution (won deals, `occurred_at <= close_date`), and `"deals"`, the number of won
# deals with at least one. Each part earns half the points.

# %% answer q2
wins = deals[(deals.type == "new_business") & deals.is_won][["opportunity_id", "lead_id", "amount", "created_at", "close_date"]]
counted = touches.merge(wins, on="lead_id")
counted = counted[counted.occurred_at <= counted.close_date]
window = {"touches": len(counted), "deals": counted.opportunity_id.nunique()}
window

# %% tests q2
ex.q2.check(window)
# hidden
ex.q2.grade(window)

# %% [markdown]
# From here on we all use the same path, built by the course library exactly that way
# and sorted by deal, then time. It also carries the lead's `lead_created_at` and
# `source_channel`, and the deal's `opp_created_at`:

# %%
path = touch_path(world)
path[["opportunity_id", "occurred_at", "channel", "event_type", "amount", "lead_created_at", "opp_created_at", "close_date"]].head(6)

# %% [markdown]
# ## 3. Single-touch and linear models
#
# Every model gives each touch a **share** of its deal; the shares of a deal sum to 1,
# and a channel's credit is the sum of share x amount over its touches. So the credit of
# all channels always adds up to the won revenue of the attributed deals.
#
# - **First touch**: 100% to the earliest touch. It rewards what *found* the buyer.
# - **Last touch**: 100% to the latest touch before the close. It rewards what *closed*.
# - **Linear**: equal shares, 1 / (touches of the deal) each. Fair, but blind to which
#   touch mattered.
#
# First touch, worked through: flag each deal's earliest touch, then sum the amounts.

# %%
is_first = path.occurred_at.eq(path.groupby("opportunity_id").occurred_at.transform("min"))
first_touch = path.amount[is_first].groupby(path.channel[is_first]).sum()
first_touch.sum(), path.drop_duplicates("opportunity_id").amount.sum()  # credit = won revenue of the path

# %% [markdown]
# ## Exercise 3: last touch and linear
#
# Store a dict in `last_linear` with two Series (or dicts) of won revenue by channel:
# `"last_touch"` and `"linear"`, both computed on `path`. Each model earns half the points.

# %% answer q3
deal = path.groupby("opportunity_id")
is_last = path.occurred_at.eq(deal.occurred_at.transform("max"))
linear_share = 1 / deal.occurred_at.transform("size")
last_linear = {
    "last_touch": path.amount[is_last].groupby(path.channel[is_last]).sum(),
    "linear": (linear_share * path.amount).groupby(path.channel).sum(),
}

# %% tests q3
ex.q3.check(last_linear)
# hidden
ex.q3.grade(last_linear)

# %% [markdown]
# ## 4. Position-based models: U-shaped and W-shaped
#
# Position-based models give fixed weights to touches that play a **role** in the
# journey, and share a smaller weight among the rest:
#
# | Model | First touch | Lead creation | Opportunity creation | The rest |
# |---|---|---|---|---|
# | U-shaped | 40% | 40% | | 20%, split equally |
# | W-shaped | 30% | 30% | 30% | 10%, split equally |
#
# - **Lead-creation touch**: the touch at the lead's `created_at` (the form fill, webinar
#   or event that made the lead). It is *not* the first touch: most buyers visited before
#   they filled a form. Outbound leads have none, since an SDR created them.
# - **Opportunity-creation touch**: the last touch at or before the deal's `created_at`.
#   A deal whose touches all came later has none.
#
# Tools name these models differently, so check the definition before comparing reports.
# The U-shaped model here is the B2B funnel one (the domain brief's 40% first touch, 40%
# lead creation). Some tools define U-shaped, or "position-based", as 40% to the **first**
# and 40% to the **last** touch before the conversion, with 20% for the rest: Salesforce
# Marketing Cloud's multi-touch attribution and Google's position-based model are among
# them. On the same journeys that version credits the touches just before the win, as last
# touch does, where ours credits the form fill that made the lead.

# %%
from crosstrain.notebook.tables import shown

lead_creation = path.occurred_at.eq(path.lead_created_at)
by_deal = pd.DataFrame({"first_is_lead_creation": lead_creation[~path.opportunity_id.duplicated()].values,
                        "outbound": path.source_channel[~path.opportunity_id.duplicated()].eq("outbound").values})
shown(by_deal.mean().rename("share of deals"))  # share of deals whose first touch is the lead-creation touch; share of outbound deals

# %% [markdown]
# **Short or incomplete paths.** A touch that plays several roles (a one-touch deal's only
# touch is first, lead creation and opportunity creation at once) gets the sum of their
# weights. A role with no touch (outbound lead creation) and a "rest" with no touch (two
# or three touches that all play roles) leave weight unassigned, so after adding the
# weights up, **rescale each deal's raw weights by their sum** so the shares sum to 1:
#
# | Path (W-shaped) | Raw weights | Shares |
# |---|---|---|
# | one touch | 0.9 | 100% |
# | first = lead creation, then the opportunity-creation touch | 0.6, 0.3 | 67%, 33% |
# | outbound: first, opportunity creation, two others | 0.3, 0.3, 0.05, 0.05 | 43%, 43%, 7%, 7% |
#
# Without the rescaling, those deals would hand out less than their amount, and the
# report would no longer add up to the won revenue.
#
# ## Exercise 4: U-shaped and W-shaped
#
# Store a dict in `u_w` with two Series (or dicts) of won revenue by channel,
# `"u_shaped"` and `"w_shaped"`, computed on `path` with the roles and the rescaling rule
# above. Each model earns half the points.

# %% answer q4
deal = path.opportunity_id
first = ~deal.duplicated()
lead_creation = path.occurred_at.eq(path.lead_created_at)
last_before = path.occurred_at.where(path.occurred_at <= path.opp_created_at).groupby(deal).transform("max")
opp_creation = path.occurred_at.eq(last_before)


def position(roles, rest):
    raw = sum(flag * weight for flag, weight in roles)
    no_role = ~pd.concat([flag for flag, _ in roles], axis=1).any(axis=1)
    n_rest = no_role.groupby(deal).transform("sum")
    raw = raw + no_role * rest / n_rest.where(n_rest > 0, 1)
    share = raw / raw.groupby(deal).transform("sum")
    return (share * path.amount).groupby(path.channel).sum()


u_w = {
    "u_shaped": position([(first, 0.4), (lead_creation, 0.4)], 0.2),
    "w_shaped": position([(first, 0.3), (lead_creation, 0.3), (opp_creation, 0.3)], 0.1),
}

# %% tests q4
ex.q4.check(u_w)
# hidden
ex.q4.grade(u_w)

# %% [markdown]
# ## 5. Time decay
#
# **Time decay** gives each touch a weight that halves every `HALF_LIFE_DAYS` (7) days
# **before the conversion**: weight = 2^(-days before the close / 7), then rescaled so
# each deal's shares sum to 1. A touch on the day of the win weighs 1, a week earlier
# 0.5, a month earlier about 0.05, so a journey that started months before the deal
# closed gives its first touches almost nothing:

# %%
days = pd.Series([0, 1, 7, 14, 30, 90], name="days before the close")
(2.0 ** (-days / HALF_LIFE_DAYS)).rename("weight before rescaling").to_frame().set_index(days).round(4)

# %% [markdown]
# ## Exercise 5: time decay
#
# Store in `time_decay` a Series (or dict) of won revenue by channel under time decay with
# a half-life of `HALF_LIFE_DAYS` days, computed on `path`.

# %% answer q5
days = (path.close_date - path.occurred_at) / pd.Timedelta(days=1)
weight = 2 ** (-days / HALF_LIFE_DAYS)
share = weight / weight.groupby(path.opportunity_id).transform("sum")
time_decay = (share * path.amount).groupby(path.channel).sum()

# %% tests q5
ex.q5.check(time_decay)
# hidden
ex.q5.grade(time_decay)

# %% [markdown]
# ## 6. Same revenue, different stories
#
# Switch the model in the widget: the won revenue is the same, only the rule that
# shares it changes. The black ticks show the default report for comparison. Watch
# `direct` (website visits, no campaign): the default gives it nothing, the models that
# favour late touches give it much more. And watch the channels that start journeys.

# %%
attribution_explorer(world)

# %% [markdown]
# The whole comparison as one table, each model's credit as a share of what it shares out:

# %%
shown(share_table(world), percent="all")

# %% [markdown]
# Reading it: first touch and U-shaped give more to the channels that **open** journeys
# (look at the table: which channels gain most under first touch?); last touch and time
# decay give more to what happens just before the signature; W-shaped sits between, and
# is the only one that rewards the touch that turned a lead into a deal. No model is
# "true": each answers a different question, which is why the executive report must say
# which one it uses.
#
# "Just before the signature" only means something if the data has touches there. Check:
# how many days before the close each won deal's last touch came, and what it was.

# %%
last = path.groupby("opportunity_id").tail(1)  # path is sorted by deal, then time
days_before = (last.close_date - last.occurred_at) / pd.Timedelta(days=1)
print(f"median {days_before.median():.1f} days before the close; within a week: {(days_before <= 7).mean():.0%}")
shown(last.event_type.value_counts(normalize=True).head(4).rename("share of last touches"), percent="all")

# %% [markdown]
# In this CRM they do: a won deal's last touch comes a median of about three days before
# the close, and for most deals (over 80%) within the last week; about half of those last
# touches are the buyer on the pricing page, and nearly all the rest come from e-mail and
# direct web visits. A CRM whose last touches sat weeks before the close would make "last
# touch rewards what closed" an empty phrase.

# %% [markdown]
# ## 7. Sourced vs influenced pipeline
#
# Two numbers marketing reports on **pipeline** (every deal created, open, won or lost,
# at its amount):
#
# - **Marketing-sourced**: new-business deals whose lead came from marketing, i.e. its
#   `source_channel` is not `"outbound"`.
# - **Marketing-influenced**: new-business deals with at least one marketing touch at or before the
#   deal's `created_at`, whoever created the lead. It includes the sourced deals (their
#   lead-creation touch came first) plus outbound deals marketing warmed up.
#
# Influenced is usually the bigger number, which is why a report must say which it shows.
# Keep the new-business deals first: an expansion deal has no lead, so its source is
# missing, not `"outbound"`, and would pass for marketing-sourced. Pipeline created, by
# the lead's source channel, in $ millions:

# %%
new = deals[deals.type == "new_business"]
(new.amount.groupby(new.lead_id.map(leads.set_index("lead_id").source_channel)).sum() / 1e6).round(2).sort_values()

# %% [markdown]
# ## Exercise 6: sourced and influenced
#
# Store a dict in `pipeline` with `"sourced"` and `"influenced"`, the marketing-sourced
# and marketing-influenced pipeline in dollars. Each part earns half the points.

# %% answer q6
new = deals[deals.type == "new_business"]
source = new.lead_id.map(leads.set_index("lead_id").source_channel)
sourced = new.amount[source != "outbound"].sum()
touched = touches.merge(new[["opportunity_id", "lead_id", "created_at", "amount"]], on="lead_id")
before = touched[touched.occurred_at <= touched.created_at]
influenced = before.drop_duplicates("opportunity_id").amount.sum()  # each deal once
pipeline = {"sourced": sourced, "influenced": influenced}
pipeline

# %% tests q6
ex.q6.check(pipeline)
# hidden
ex.q6.grade(pipeline)

# %% [markdown]
# ## 8. Unit economics: CAC, LTV and payback
#
# - **CAC** = (sales + marketing spend) / new customers. Both spends include people, not
#   only programmes: marketing's own team, the SDRs, the AEs and the managers who run them
#   all work to win customers. CSMs do not count: they serve customers after the sale
#   (retention and expansion), so their cost is not what it took to acquire them.
# - **LTV** = ARPA x gross margin / churn rate (ARPA: average revenue per account).
# - **LTV:CAC**: at least 3:1 is the usual bar.
# - **Payback (months)** = CAC / (monthly ARPA x gross margin): under 12 months is the
#   usual bar, under 6 for SMB.
#
# The CRM does not hold everything these need, so this lesson **assumes**:
#
# | Assumption | Value |
# |---|---|
# | Cost per person who wins customers, a year, fully loaded (`COST_PER_HEAD`) | $120,000 |
# | Who counts (`ACQUISITION_ROLES`): roles `marketing`, `sdr`, `ae`, `manager` | not `csm` |
# | Years the CRM covers (`HISTORY_YEARS`) | 2 |
# | Annual churn (`ANNUAL_CHURN`) | 20% |
# | Gross margin (`GROSS_MARGIN`) | 80% |
#
# Spend is every campaign's `actual_cost` plus the people of those roles at
# `COST_PER_HEAD` a year for `HISTORY_YEARS`; new customers are the distinct
# accounts with a won new-business deal (an expansion sells more to a customer already
# won, so it is neither a new customer nor acquisition revenue); a deal's amount is a
# year of subscription, so ARPA = their won revenue / new customers is annual and monthly
# ARPA is ARPA / 12. The spend side:

# %%
world.users.role.value_counts(), camps.actual_cost.sum()

# %% [markdown]
# ## Exercise 7: CAC, LTV, LTV:CAC and payback
#
# Store a dict in `economics` with `"cac"`, `"ltv"` (dollars), `"ltv_to_cac"` (a ratio)
# and `"payback_months"`, with the assumptions above. Each part earns a quarter of the points.

# %% answer q7
people = world.users.role.isin(ACQUISITION_ROLES).sum() * COST_PER_HEAD * HISTORY_YEARS
campaigns = camps.actual_cost.sum()
wins = deals[(deals.type == "new_business") & deals.is_won]
customers = wins.account_id.nunique()
cac = (people + campaigns) / customers
arpa = wins.amount.sum() / customers
ltv = arpa * GROSS_MARGIN / ANNUAL_CHURN
economics = {"cac": cac, "ltv": ltv, "ltv_to_cac": ltv / cac, "payback_months": cac / (arpa / 12 * GROSS_MARGIN)}
economics

# %% tests q7
ex.q7.check(economics)
# hidden
ex.q7.grade(economics)

# %% [markdown]
# Two things to notice: people, not campaigns, are most of the CAC (about three quarters
# of the spend here), and they sit in both teams, so neither team can fix it alone; and
# churn is an assumption that moves LTV a lot (at 10% churn LTV doubles). Say the
# assumptions whenever you show these numbers.
#
# ## 9. Campaign ROI from closed-won revenue
#
# **ROI = (attributed gross profit - spend) / spend**, per campaign, with the revenue
# credited by a multi-touch model to the campaign of each touch (touches without a
# campaign, such as direct visits, credit no campaign). The W-shaped share of each touch
# of `path`, from the course library (the same rule as your exercise 4):

# %%
from crosstrain.notebook.exercises.attribution.lesson import w_shaped_shares

w_share = w_shaped_shares(path)
credit_per_deal = w_share.groupby(path.opportunity_id).sum()
print(f"each deal shares out between {credit_per_deal.min():.1%} and {credit_per_deal.max():.1%} of its amount")

# %% [markdown]
# ## Exercise 8: ROI of every campaign
#
# Store in `campaign_roi` a Series (or dict) indexed by `campaign_id`, with the ROI of
# **every** campaign: revenue = W-shaped credit (`w_share` x amount) summed by the touch's
# `campaign_id`, 0 for a campaign no deal credits; spend = `actual_cost`; gross margin
# `GROSS_MARGIN`.

# %% answer q8
spend = camps.set_index("campaign_id").actual_cost
revenue = (w_share * path.amount).groupby(path.campaign_id).sum().reindex(spend.index, fill_value=0)
campaign_roi = (revenue * GROSS_MARGIN - spend) / spend

# %% tests q8
ex.q8.check(campaign_roi)
# hidden
ex.q8.grade(campaign_roi)

# %% [markdown]
# Recent campaigns look worst: their deals have not closed yet (a won deal takes months).
# Judge a campaign's ROI only once its deals have had time to close.

# %%
from IPython.display import display

if ex.q8.answered(campaign_roi):
    started = camps.set_index("campaign_id").start_date.dt.to_period("Q")
    display(campaign_roi.groupby(started).median().round(2).rename("median campaign ROI by start quarter"))

# %% [markdown] locked exec_model_prompt
# ## Written: the model for the executive report (graded by your trainer)
#
# The leadership team wants one slide, "revenue by channel", every quarter. Choose the
# attribution model it should use and defend the choice in one or two paragraphs: what
# question the model answers, which channels it favours and which it undervalues in this
# CRM (quote numbers from the widget or the table above), how it treats outbound deals
# and short paths, and what you would show next to it so nobody misreads it (the
# default report, a second model, sourced vs influenced pipeline...).

# %% [markdown] written exec_model points=4
# I would use the **W-shaped** model for the executive slide. Leadership's question is
# "which channels create revenue across the whole journey", and W-shaped is the only
# model here that rewards the three moments both teams own: the first touch (marketing
# finds the buyer), the lead-creation touch (marketing converts interest into a lead)
# and the opportunity-creation touch (the handoff to sales), with 10% for the nurture in
# between. Credit sums to the won revenue of the attributed deals; deals with one or two
# touches and outbound deals (no lead-creation touch) are rescaled so each still shares
# out 100%.
#
# In this CRM, last touch and time decay give direct website visits (the pricing page
# before the signature) about half of the revenue or more (at least 45% in the course's default
# world) and e-mail much of the rest, and the Salesforce default
# gives them nothing while crediting only each deal's creating campaign and ignoring
# outbound deals; first touch piles credit on the channels that open journeys. W-shaped
# sits between them. Its weakness is that the weights are a convention, not measured
# causality, so next to it I would show the primary-campaign report (what finance can
# audit) and the marketing-sourced vs influenced pipeline, and
# state the window (touches up to the close of won deals).

# %% [markdown] locked key_points
# ## Key points
#
# - Closed-loop reporting follows won revenue back to campaigns. The Salesforce default
#   gives 100% to the deal's primary campaign: simple, auditable, blind to every other touch.
# - Attribute **won** deals over touches **up to the close**; every model's credit then
#   sums to the won revenue of the attributed deals.
# - First touch rewards what found the buyer, last touch what closed; linear shares
#   equally; U-shaped (40/40/20) and W-shaped (30/30/30/10) reward first, lead-creation and
#   opportunity-creation touches; time decay halves a touch's weight every 7 days
#   **before** the conversion.
# - The lead-creation touch is the one at the lead's creation, not the first touch;
#   outbound leads have none. Rescale each deal's weights so short paths still sum to 1.
# - Marketing-sourced pipeline (the lead came from marketing) is smaller than
#   marketing-influenced pipeline (a touch before the deal was created): say which one.
# - Deals here are new business (`type == "new_business"`); expansions are module 09's.
# - CAC = (sales + marketing spend) / new customers, people included (marketing, SDRs,
#   AEs, managers; not CSMs); LTV = ARPA x margin / churn; aim for
#   LTV:CAC of 3:1 or more and payback under 12 months, and state your assumptions.
# - ROI = (attributed gross profit - spend) / spend; judge campaigns after their deals close.
