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
# ## An objection is information
#
# "It's too expensive." "Let's revisit next quarter." "I'll need to run this by my VP."
# Every deal hears objections. A weak rep treats them as attacks and answers at once: a
# discount, a rebuttal, a list of features. A strong rep treats them as information:
# what is the buyer really worried about? Marketing needs this too: the objections sales
# hears are the questions the website, the battlecards and the case studies must answer.
#
# In this module you learn the objection categories and the question that diagnoses
# each, the LAER method, and then measure on the CRM's call notes what good and bad
# replies do to deals. At the end you practise with a role-play widget.
#
# Run the next cell first: it loads the CRM as `world` and this module's exercises as `ex`.

# %% locked setup
import matplotlib.pyplot as plt
import pandas as pd

from crosstrain.notebook import ____, start  # noqa: F401 (____ is the blank of each answer cell)

world, ex = start("05-objections")
notes, deals = world.call_notes, world.opportunities
pd.set_option("display.max_colwidth", None)

# %% [markdown]
# ## 1. What buyers object to
#
# `world.call_notes` holds short conversations from sales calls, each tied to a deal
# (`opportunity_id`). There are two kinds:
#
# - **discovery notes** (`speaker` is `"rep"`): the rep asks a question and the buyer
#   answers; they have no `objection_category`;
# - **objection notes** (`speaker` is `"buyer"`): the buyer objects and the rep replies,
#   sometimes asking a question the buyer answers before the rep responds. They carry the
#   `objection_category`, the LAER steps the reply shows (`laer_steps`) and its
#   `response_quality`.
#
# `world.call_turns` holds the same conversations one turn at a time: who spoke
# (`speaker`), what the turn does (`act`: objection, listen, acknowledge, explore,
# answer, respond, or a weak move) and the words. A note's labels are read off its acts.

# %%
notes.groupby("speaker", dropna=False).head(1)[["speaker", "text", "objection_category", "laer_steps", "response_quality"]]

# %% [markdown]
# One objection note, turn by turn:

# %%
first = notes.loc[(notes.speaker == "buyer") & (notes.laer_steps == "listen;acknowledge;explore;respond"), "note_id"].iloc[0]
world.call_turns[world.call_turns.note_id == first]

# %% [markdown]
# ### Rapport comes before discovery
#
# A buyer tells the real concern ("my CFO will not sign this quarter") only to a rep they
# trust; to a stranger they say "it's too expensive". That trust is **rapport**, and it is
# the first step of most selling methods (Sandler starts with *Bonding and Rapport*). It is
# built in discovery, before any objection: being curious about the buyer's situation and
# not the product, using their words back to them ("so the Monday report takes five
# people a morning?"), keeping the promises made on the last call (the agenda, the time,
# the follow-up), and saying plainly what you do not know. It is not small talk or
# flattery, and it is not agreeing with everything: a rep who agrees with an objection
# loses the buyer's respect, not just the point.
#
# The discovery notes show rapport at work: the rep asks about the buyer's situation and
# the buyer answers with details (names, numbers, dates) they would not give a stranger.
# The CRM cannot measure rapport itself (a note records words, not tone), but the
# **Listen** and **Acknowledge** steps of LAER below are rapport under pressure: playing
# back what the buyer said and treating the concern as fair keeps them talking long
# enough for you to explore.

# %% [markdown]
# Objections fall into a handful of categories, and each has a **diagnostic probe**: the
# open question that finds out what is behind it.
#
# | Category | What the buyer says | Diagnostic probe |
# |---|---|---|
# | Price / value (`price`) | "It's too expensive." | "Too expensive compared with what?" |
# | Budget (`budget`) | "We have no budget for this." | Is the money gone, or can it be moved this quarter? |
# | Timing (`timing`) | "Let's revisit next quarter." | "What changes next quarter?" |
# | Authority (`authority`) | "I need to run this by my VP." | Who else is involved in the decision? |
# | No need / no pain (`need`) | "We're fine with spreadsheets." | Quantify the cost of doing nothing. |
# | Competitor / status quo (`competitor`) | "We already use another tool." | The cost of staying as they are; what makes us different. |
# | Trust / risk (`trust`) | "We've never heard of you." | Proof: references, a pilot. |
#
# Price and budget sound alike but are different problems: a price objection says the
# value is not clear yet ("compared with what?"); a budget objection says the money is
# not there, which a smaller first phase or a later start can solve. One objection of
# each category in this CRM:

# %%
notes[notes.speaker == "buyer"].groupby("objection_category").head(1)[["objection_category", "text"]]

# %% [markdown]
# ## Exercise 1: which objections come up most (1 point)
#
# Store in `objection_shares` a Series (or dict), indexed by `objection_category`, with
# each category's share of all the buyers' objections (shares between 0 and 1 that add
# up to 1). Discovery notes are not objections.

# %% answer q1
objections = notes[notes.objection_category.notna()]
objection_shares = objections.objection_category.value_counts(normalize=True)
objection_shares

# %% tests q1
ex.q1.check(objection_shares)
# hidden
ex.q1.grade(objection_shares)

# %% [markdown]
# From here on, `objections` holds the objection notes only:

# %%
objections = notes[notes.objection_category.notna()]
objections.objection_category.value_counts().sort_values().plot.barh(
    title="Objections by category", figsize=(6, 3));

# %% [markdown]
# Here the CRM already carries each note's category. Where it does not (notes typed by
# reps, call transcripts), a first step is a keyword classifier: a list of rules, tried
# in order, each a category and the words that point to it. `classify_objection` is one;
# scored against the CRM's labels, and with the confusions laid out (rows: the label,
# columns: the guess):

# %%
from crosstrain.notebook.exercises.objections.lesson import buyer_words, classify_objection

guess = buyer_words(objections.text).map(classify_objection)
print("agrees with the label:", (guess == objections.objection_category).mean())
pd.crosstab(objections.objection_category, guess.fillna("none"))

# %% [markdown]
# Read the notes it gets wrong, if any: a keyword means one thing in one objection and
# another elsewhere ("budget" is a budget word, until the buyer says someone else "owns the
# budget", which is authority: the order of the rules matters). A keyword guess is a start;
# the diagnostic probe is what confirms the category on the call.

# %%
buyer_words(objections.text)[guess != objections.objection_category].head(5)

# %% [markdown]
# Price usually tops the list, in this CRM as in most B2B sales, which is why "how do I
# handle price?" is the first thing new reps ask. The rest of the module answers it: not
# with a number.
#
# ## 2. LAER: explore before you respond
#
# **LAER** is a four-step way to handle any objection:
#
# 1. **Listen**: let the buyer finish, then play back what you heard ("So what I'm
#    hearing is...").
# 2. **Acknowledge**: show the concern is fair to raise, *without agreeing with it*.
#    "That's a fair concern" acknowledges; "You're right, we're expensive" agrees, and
#    confirms the very fear you are trying to address.
# 3. **Explore**: ask open questions (what, how, who...) until you reach the root cause.
#    "Too expensive" can mean "I can't see the value", "my budget is 20% short", or "I
#    need something to show my CFO": three different answers.
# 4. **Respond**: only once the concern is clear, answer *that* concern.
#
# **LAARC** (Listen, Acknowledge, Assess, Respond, Confirm) has five steps. Its first two
# are LAER's; **Assess** is LAER's Explore (questions until you know what the concern
# really is and how much it weighs for the buyer); **Respond** is the same; and it adds a
# fifth step, **Confirm**: after responding, ask whether the answer settled the concern
# ("Does that address it?"), and if not, go back to assessing.
#
# **Feel-Felt-Found** ("I understand how you feel; others felt the same; they found...")
# is a useful way to *respond*, but only after exploring: said at once, it answers a
# concern you have not understood, and buyers spot it as a script.
#
# What weak replies look like, and why they fail:
#
# | Weak reply | Example | Why it fails |
# |---|---|---|
# | Instant discount | "I can take 15% off." | teaches the buyer that objecting pays, and the price was never the real issue |
# | Rebuttal before exploring | "That's not really true." | makes the buyer defend the objection |
# | Feature dump | "We have dashboards, AI and 200 integrations." | answers a question nobody asked |
# | Canned script | Feel-Felt-Found said at once | sounds rehearsed, explores nothing |
# | Pressure close | "This offer ends Friday." | raises the risk the buyer was worried about |
#
# Every one of them *responds*: LAER labels what a reply does, not whether it is good.
# Here are seven replies to the same price objection:

# %%
from crosstrain.notebook.exercises.objections.lesson import PRICE_OBJECTION, REPLIES

print("Buyer:", PRICE_OBJECTION)
for letter, reply in REPLIES.items():
    print(f"{letter}: {reply}")

# %% [markdown]
# ## Exercise 2: label the LAER steps (2 points)
#
# For each reply A-G, write the LAER steps it shows, in a text separated by `;` (e.g.
# `"acknowledge;explore"`), or `""` if it shows none. Store a dict in `laer_labels`, e.g.
# `{"A": "...", "B": "...", ...}`. Each reply right earns part of the points (up to half of them; all right earns them all). (The text in
# square brackets in F is what the buyer answered.)

# %% answer q2
laer_labels = {
    "A": "respond",
    "B": "acknowledge;explore",
    "C": "listen;acknowledge;explore",
    "D": "acknowledge;respond",
    "E": "respond",
    "F": "listen;acknowledge;explore;respond",
    "G": "acknowledge;respond",
}

# %% tests q2
ex.q2.check(laer_labels)
# hidden
ex.q2.grade(laer_labels)

# %% [markdown]
# ## 3. Replies in the CRM that respond before exploring
#
# The CRM labels the steps each reply shows in `laer_steps`, separated by `;`. The
# patterns reps use, and how often:

# %%
objections.laer_steps.value_counts()

# %% [markdown]
# A reply that shows `respond` but not `explore` answers a concern it never clarified:
# LAER's most common mistake. `str.contains` finds a step in the text, for example the
# replies that listened:

# %%
print(f"replies that listened: {objections.laer_steps.str.contains('listen').mean():.1%}")

# %% [markdown]
# ## Exercise 3: how often reps respond before exploring (1 point)
#
# Store in `respond_first_share` the share of the replies to objections (between 0 and
# 1) that respond without exploring.

# %% answer q3
steps = objections.laer_steps
respond_first = steps.str.contains("respond") & ~steps.str.contains("explore")
respond_first_share = respond_first.mean()

# %% tests q3
ex.q3.check(respond_first_share)
# hidden
ex.q3.grade(respond_first_share)

# %% [markdown]
# In this CRM a reply is `strong` exactly when it explored before responding, so this
# share is also the share of weak replies. By category:

# %%
objections.response_quality.eq("weak").groupby(objections.objection_category).mean().sort_values().plot.barh(
    title="Share of weak replies, by objection category", figsize=(6, 3));

# %% [markdown]
# ## 4. What replies do to deals: win rates at deal level
#
# **Win rate = won / (won + lost)**, over closed deals: an open deal is not decided yet.
# And it is a rate of *deals*. A deal has several call notes, so joining notes to deals
# repeats each deal once per note; averaging `is_won` over that join lets a deal with
# five notes vote five times. Notes per deal:

# %%
objections.groupby("opportunity_id").size().value_counts().sort_index()

# %% [markdown]
# So first reduce to one row per deal (or per deal and category), then join to the
# closed deals. The overall win rate of closed deals that heard any objection:

# %%
done = deals[deals.is_closed]
heard = done.opportunity_id.isin(objections.opportunity_id)
print(f"win rate after an objection {done[heard].is_won.mean():.1%}, all closed deals {done.is_won.mean():.1%}")

# %% [markdown]
# ## Exercise 4: win rate by objection category (2 points)
#
# For each category, take the **closed** deals that heard at least one objection of that
# category, each deal once, and compute won / (won + lost). Store the result in
# `win_by_category`, a Series (or dict) indexed by category. (A deal that heard two
# categories counts in both.)

# %% answer q4
done = deals[deals.is_closed]
pairs = objections[["objection_category", "opportunity_id"]].drop_duplicates()
joined = pairs.merge(done[["opportunity_id", "is_won"]], on="opportunity_id")
win_by_category = joined.groupby("objection_category").is_won.mean()
win_by_category

# %% tests q4
ex.q4.check(win_by_category)
# hidden
ex.q4.grade(win_by_category)

# %% [markdown]
# Before reading a ranking into these rates, look at how many closed deals each rests
# on: with a few hundred deals, a win rate is only known to within a few points (its
# standard error is about sqrt(p (1 - p) / n)), so categories a few points apart may
# differ by chance. What a category does tell the rep is which probe to ask, and what
# the deal may lack: an authority objection means the rep is not yet talking to the
# person who signs (MEDDPICC's economic buyer, module 04).

# %%
pairs = objections[["objection_category", "opportunity_id"]].drop_duplicates()
by_category = pairs.merge(done[["opportunity_id", "is_won"]]).groupby("objection_category").is_won.agg(["mean", "size"])
margin = (by_category["mean"] * (1 - by_category["mean"]) / by_category["size"]) ** 0.5
ax = by_category["mean"].plot.barh(xerr=2 * margin, title="Win rate by objection heard (+/- 2 standard errors)", figsize=(6, 3))
ax.set_yticklabels([f"{c} ({n} deals)" for c, n in by_category["size"].items()]);

# %% [markdown]
# ## Exercise 5: win rate by reply quality (2 points)
#
# Give each deal that heard objections one label: `"weak"` if **at least one** of its
# replies was weak, `"strong"` if **every** reply was strong. Store in `win_by_quality`
# a Series (or dict) with the win rate of the closed deals of each label, indexed by
# `"strong"` and `"weak"`.

# %% answer q5
any_weak = (objections.response_quality == "weak").groupby(objections.opportunity_id).any()
quality = any_weak.map({True: "weak", False: "strong"}).rename("quality")
joined = deals[deals.is_closed].merge(quality, left_on="opportunity_id", right_index=True)
win_by_quality = joined.groupby("quality").is_won.mean()
win_by_quality

# %% tests q5
ex.q5.check(win_by_quality)
# hidden
ex.q5.grade(win_by_quality)

# %% [markdown]
# Compare the two rates. This is an observation, not an experiment: reps who explore may
# also be better at everything else, and deals with many objections have more chances
# to get one weak reply. Still, it is the pattern sales managers coach on: a reply that
# explores first learns what the deal needs.
#
# ## 5. The discount-first reply
#
# The most tempting weak reply is the instant discount. In the notes it reads "I can take
# 15% off...". Careful: buyers quote percentages too ("you're about 30% above what they
# quoted"), so look at what the **rep** said, after `Rep: "`:

# %%
rep_said = objections.text.str.split('Rep: "').str[1]
objections[rep_said.str.contains("% off")].text.head(3)

# %% [markdown]
# ## Exercise 6: what a discount-first reply does (3 points)
#
# Split the **closed** deals in two: those with at least one discount-first reply (an
# objection note whose rep part contains `"% off"`) and the rest. Store a dict in
# `discount_effect` with four keys: `"win_rate_with"` and `"win_rate_without"` (won /
# closed in each group), and `"median_won_with"` and `"median_won_without"` (the median
# `amount` of the **won** deals of each group, in dollars). Each key right earns a
# quarter of the points.

# %% answer q6
rep_said = objections.text.str.split('Rep: "').str[1]
discount_ids = objections.loc[rep_said.str.contains("% off"), "opportunity_id"]
done = deals[deals.is_closed]
has = done.opportunity_id.isin(discount_ids)
won = done[done.is_won]
won_has = won.opportunity_id.isin(discount_ids)
discount_effect = {
    "win_rate_with": done[has].is_won.mean(),
    "win_rate_without": done[~has].is_won.mean(),
    "median_won_with": won[won_has].amount.median(),
    "median_won_without": won[~won_has].amount.median(),
}
discount_effect

# %% tests q6
ex.q6.check(discount_effect)
# hidden
ex.q6.grade(discount_effect)

# %% [markdown]
# Compare your two win rates and your two medians, and check how many deals each rests
# on: with a few dozen discount-first wins, a median moves a lot from one deal to the
# next. The CRM also records each deal's `discount_pct`, which says directly what was
# given away:

# %%
done = deals[deals.is_closed]
discount_first = done.opportunity_id.isin(objections.loc[rep_said.str.contains("% off"), "opportunity_id"])
done.groupby(discount_first.map({True: "discount-first", False: "other"})).agg(
    deals=("opportunity_id", "size"), won=("is_won", "sum"), median_discount_pct=("discount_pct", "median"))

# %% [markdown]
# And the won amounts of both groups (log scale: deal sizes span SMB to enterprise):

# %%
won = deals[deals.is_won]
with_discount = won.opportunity_id.isin(objections.loc[rep_said.str.contains("% off"), "opportunity_id"])
fig, ax = plt.subplots(figsize=(6, 3))
ax.boxplot([won.amount[with_discount], won.amount[~with_discount]], orientation="horizontal", showfliers=False)
ax.set_yticks([1, 2], ["discount-first", "other wins"])
ax.set_xscale("log"); ax.set_xlabel("won amount ($)"); ax.set_title("Won deal amounts");

# %% [markdown]
# Do the arithmetic before you offer 15% off: the amount a discount gives away on
# *every* deal it touches against the few extra deals it might win. A clarified concern
# often needs no discount at all, and if one is needed, trade it for something (a longer
# term, a case study, a faster signature) rather than give it away.
#
# ## 6. Role-play: your turn
#
# The widget deals an objection card from the CRM. Type your reply and press **Score my
# reply**: a LAER checklist reads it with keyword cues (an open question counts as
# exploring, "you're right" as agreeing, "% off" as a discount...) and flags weak moves.
# It is a coach, not a judge: a reply can fool it, so read what it says about each
# sentence. In a workshop, role-play in pairs: one plays the buyer, the other replies
# aloud, and the buyer ticks the **peer checklist**.

# %%
from crosstrain.notebook.widgets.objection_roleplay import objection_roleplay, score_reply

objection_roleplay(world)

# %% [markdown]
# The checklist applied to two replies from the start of the module (C and A):

# %%
for letter in "CA":
    result = score_reply(REPLIES[letter])
    print(letter, result.verdict, f"{result.points}/4", sorted(result.steps), sorted(result.flags))

# %% [markdown] locked replies_prompt
# ## Written: reply to three objections (graded by your trainer)
#
# Pick **three objections of different categories** (deal cards from the widget, or
# from `objections`). For each, write: the category, the buyer's words, and your reply
# as you would say it, following LAER: listen, acknowledge without agreeing, explore with
# an open question that fits the category's diagnostic probe, then say how you would
# respond once the concern is clear (you may write the buyer's likely answer in square
# brackets). Name no discount and no deadline unless you explain what you get in return.

# %% [markdown] written replies points=6
# 1. **Price.** Buyer: "It's too expensive for how much we'd use it." Me: "So the worry
#    is paying for more than your team would really use, is that right? That's a fair
#    thing to check. How many people would use it each week, and what are they doing
#    today instead?" [Buyer: five analysts rebuild the pipeline report by hand every
#    Monday.] "Then let's size it for those five and put a number on the Monday hours:
#    if it doesn't pay back within the year, it's not right for you."
# 2. **Authority.** Buyer: "I'll need to run this by my VP." Me: "Makes sense, a decision
#    like this should have your VP's backing. Who else is involved, and what will matter
#    most to your VP when you bring it up?" [Buyer: she cares about security and wants
#    one vendor for the whole team.] "Could we book twenty minutes with her this week? I
#    will bring our security review and a one-page plan for the team rollout."
# 3. **Timing.** Buyer: "Let's revisit this next quarter." Me: "I hear you, the timing
#    has to work for your team. What changes next quarter that makes it a better time?"
#    [Buyer: a re-org finishes in January.] "Then let's plan the start around the
#    re-org: we set up the data now, with no work for your team, and the new teams go
#    live in February."

# %% [markdown]
# ## Key points
#
# - Objections fall into categories (price, budget, timing, authority, need, competitor,
#   trust), and each has a diagnostic probe: "too expensive compared with what?",
#   "what changes next quarter?", "who else is involved?"...
# - LAER: Listen, Acknowledge (not agree), Explore with open questions to the root cause,
#   Respond only once the concern is clear. LAARC (Listen, Acknowledge, Assess, Respond,
#   Confirm) assesses where LAER explores, and adds Confirm: check the answer settled it.
#   Feel-Felt-Found is a way to respond, only after exploring.
# - Weak replies respond before exploring: an instant discount, a rebuttal, a feature
#   dump, a canned script, a pressure close. They are still responses.
# - Call notes are not deals: reduce to one row per deal before a win rate, and keep
#   closed deals only (won / (won + lost)).
# - In this CRM, deals whose replies all explored first win more often. Categories' win
#   rates differ less than their margins of error suggest: check n before ranking.
# - Discount-first replies give money away on every deal they touch: compare the median
#   won amount (not the mean) and the discount given against the few extra wins, and
#   check how many deals each number rests on.
