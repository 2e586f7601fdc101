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
# ## How this course works
#
# Each module is a notebook like this one. You read, run the cells, and answer
# questions in **answer cells** with a little Python: each starts as `n_leads = ____`;
# replace the blank `____` with your code (write more lines under `# YOUR CODE HERE` if
# you need them). Until you do, the notebook still runs to the end and the check cell
# says the exercise is waiting for your answer.
# After each answer cell there is a **check cell**: run it and it tells you, in plain
# words, whether your answer is right.
# Stuck? `ex.q1.hint()` gives a hint, `ex.q1.solution()` shows one way to do it.
#
# When you hand the notebook in, the same check cells grade it, together with extra
# checks you don't see. They recompute every answer from the data your notebook loaded,
# so there is no number to copy: only the method counts.
#
# Run the next cell first. It loads the company's CRM (a made-up but realistic one) as
# `world`, and this module's exercises as `ex`.

# %% locked setup
from crosstrain.notebook import ____, start  # noqa: F401 (____ is the blank of each answer cell)

world, ex = start("00-orientation")
world

# %% [markdown]
# ## A tour of the CRM
#
# `world` holds one table per kind of record, each a pandas DataFrame. The ones you will
# use most:
#
# | Table | One row is | Joins to |
# |---|---|---|
# | `world.leads` | a person who showed interest (filled a form, was called...) | `account_id` → accounts, `campaign_id` → campaigns, `opportunity_id` → opportunities |
# | `world.accounts` | a company we sell to | `owner_id` → users |
# | `world.contacts` | a person at an account: a lead's own, or a colleague on a deal's buying group | `account_id` → accounts |
# | `world.campaigns` | a marketing programme and what it cost | leads point to it |
# | `world.opportunity_contact_roles` | a person's role on a deal (champion, economic buyer, decision maker...) | `opportunity_id` → opportunities, `contact_id` → contacts |
# | `world.opportunities` | a deal, open or closed | `lead_id` → leads, `account_id` → accounts |
# | `world.users` | someone on the revenue team (marketing, SDR, AE, CSM) | `owner_id` everywhere |
#
# Look at a few leads: every column you see is described in the course's data sheet.

# %%
world.leads.head()

# %% [markdown]
# Tables join on their id columns. Here each deal gets the channel its lead came from:

# %%
deals = world.opportunities.merge(
    world.leads[["lead_id", "source_channel"]], on="lead_id", how="left"
)
deals[["name", "amount", "stage", "source_channel"]].head()

# %% [markdown]
# And a first picture: how many leads each channel brings in.

# %%
world.leads.source_channel.value_counts().sort_values().plot.barh(
    title="Leads by source channel", figsize=(6, 3)
);

# %% [markdown]
# ## Warm-up 1: how many leads?
#
# Store the number of leads in the CRM in a variable called `n_leads`.

# %% answer q1
n_leads = len(world.leads)

# %% tests q1
ex.q1.check(n_leads)
# hidden
ex.q1.grade(n_leads)

# %% [markdown]
# ## Warm-up 2: how many leads became MQLs?
#
# A lead becomes a **marketing-qualified lead (MQL)** when it meets the fit and engagement
# thresholds marketing and sales agreed on. The date it happened is in `mql_at` (empty if
# it never did). Only **inbound** leads, the ones marketing brought in, can become MQLs:
# leads that SDRs find themselves (`source_channel == "outbound"`) skip that stage, which
# is why module 03 follows the funnel on inbound leads. Store the **share of inbound
# leads** that ever became an MQL, as a number between 0 and 1, in `mql_share`.

# %% answer q2
inbound = world.leads[world.leads.source_channel != "outbound"]
mql_share = inbound.mql_at.notna().mean()

# %% tests q2
ex.q2.check(mql_share)
# hidden
ex.q2.grade(mql_share)

# %% [markdown]
# ## Warm-up 3: the biggest channel
#
# Which `source_channel` brought in the most leads? Store its name (a text, such as
# `"email"`) in `top_channel`.

# %% answer q3
top_channel = world.leads.source_channel.value_counts().idxmax()

# %% tests q3
ex.q3.check(top_channel)
# hidden
ex.q3.grade(top_channel)

# %% [markdown]
# ## Warm-up 4: a typical won deal
#
# Deals are in `world.opportunities`; `is_won` is True for the ones we won. Store the
# **median** amount of a won deal, in dollars, in `median_won`.

# %% answer q4
won = world.opportunities[world.opportunities.is_won]
median_won = won.amount.median()

# %% tests q4
ex.q4.check(median_won)
# hidden
ex.q4.grade(median_won)

# %% [markdown] locked teams
# ## Marketing and sales: who owns what
#
# | | Marketing | Sales |
# |---|---|---|
# | Focus | one-to-many: awareness, interest, demand | one-to-one: conversations, deals |
# | Activities | research, positioning, advertising, lead generation and nurturing | prospecting and qualification, presenting, handling objections, closing |
# | Metrics | reach, traffic, CTR, leads, cost per lead, MQLs, sourced pipeline, ROI | revenue, win rate, deal size, cycle length, quota attainment |
# | Timing | before and around the first conversation | from qualified lead to signed contract |
#
# A lead moves through lifecycle stages, and each stage has an owner:
# **lead** and **MQL** belong to marketing; an SDR (sales development rep) **accepts** the
# MQL (SAL, sales-accepted lead) or rejects it with a reason, then **qualifies** it (SQL,
# sales-qualified lead); an AE (account executive) works the **opportunity** to a
# signed contract; a CSM (customer success manager) looks after the **customer**.
# The handoffs between owners are where leads get lost, which is why the two teams agree
# in writing on what an MQL is and how fast sales responds.

# %% [markdown]
# ## Warm-up 5: the map
#
# Store a dict in `owners` that maps each lifecycle stage (`"lead"`, `"mql"`, `"sal"`,
# `"sql"`, `"opportunity"`, `"customer"`) to the team that owns it: `"marketing"`,
# `"sdr"`, `"ae"` or `"csm"`. Each stage right earns part of the points (up to half of them; all right earns them all).

# %% answer q5
owners = {
    "lead": "marketing",
    "mql": "marketing",
    "sal": "sdr",
    "sql": "sdr",
    "opportunity": "ae",
    "customer": "csm",
}

# %% tests q5
ex.q5.check(owners)
# hidden
ex.q5.grade(owners)

# %% [markdown] locked reflection_prompt
# ## Reflection (graded by your trainer)
#
# In three to five sentences: which stage does *your* team own, what does it need from
# the other team at the handoff, one number from this CRM you would watch to know the
# handoff works, and how you would break that number down: which table you would join
# to the leads (or the deals) and on which id column (see the table of tables above).
# (Your trainer grades this with a rubric; there is no single right answer.)

# %% [markdown] written reflection points=2
# I am joining sales as an SDR, so I own the lead from SAL to SQL. From marketing I need
# MQLs that meet the agreed definition, with the context of how they engaged, and from
# AEs feedback on which SQLs became real opportunities. I would watch the share of MQLs
# that sales accepts and how fast we first respond to them: if acceptance drops, the MQL
# definition and the handoff need a conversation. I would look at acceptance per
# campaign, joining the leads to the campaigns on `campaign_id`, so marketing sees which
# programmes send leads we turn down.
