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
# ## Will we make the quarter?
#
# Every week a sales team answers one question: **will we make the number this quarter?**
# The answer comes from the pipeline, the open deals and what we know about them. In this
# module you read the pipeline the way a sales manager does: what it is worth once each
# deal's chance is counted, whether it is big enough to cover what is left of the quota,
# how fast it turns into revenue, which deals keep slipping, what the reps commit to, and
# what discounts buy when a deal is being closed.
#
# Marketing hires: this is where the leads you send end up. Pipeline coverage and
# velocity are the numbers sales will ask marketing to move.
#
# Run the next cell first: it loads the CRM as `world` and this module's exercises as `ex`.

# %% locked setup
import pandas as pd

from crosstrain.notebook import ____, start  # noqa: F401 (____ is the blank of each answer cell)
from crosstrain.notebook.exercises.pipeline.lesson import deal_risks, discount_band
from crosstrain.world.schema import DEAL_STAGES

world, ex = start("06-pipeline")
deals, history, users = world.opportunities, world.opportunity_history, world.users
today = world.reference_date  # the CRM's "today"

# %% [markdown]
# ## 1. Stages and their probabilities
#
# A deal moves through **stages**, and each stage carries a **probability**: the share of
# deals at that stage a company expects to win. These are Salesforce's defaults, which
# the CRM uses (`DEAL_STAGES`):

# %%
pd.Series(DEAL_STAGES, name="probability %")

# %% [markdown]
# The probability is a rule of thumb attached to the stage, not a forecast about one deal:
# every deal in negotiation counts 90%, whatever the rep thinks. Is the rule right for this
# company? `world.opportunity_history` has a row for each stage a deal entered, so for each
# stage we can count how many of the closed deals that reached it were won:

# %%
history = world.opportunity_history
closed_deals = deals[deals.is_closed].set_index("opportunity_id")
reached = history[history.opportunity_id.isin(closed_deals.index)].drop_duplicates(["opportunity_id", "stage"])
won_from = reached.opportunity_id.map(closed_deals.is_won).groupby(reached.stage).mean()
open_stages = [s for s in DEAL_STAGES if not s.startswith("closed")]
pd.DataFrame({"configured %": pd.Series(DEAL_STAGES), "won from here %": (100 * won_from).round(0)}).loc[open_stages]

# %% [markdown]
# Deals that get further win more often, because most lost deals drop out early. Compare the
# two columns stage by stage. In this CRM the first three stages (prospecting,
# qualification, needs analysis) win at least 10 points more often than configured, so
# the weighted pipeline undercounts deals there; from value proposition on, no stage wins
# more than a few points above its configured probability and most win less, so it
# overcounts them (negotiation is configured at 90% and wins less). Sales operations teams
# recalibrate their stage probabilities from exactly this table, once enough deals have
# closed. Below we use the configured ones, as the CRM does. Where the open deals sit:

# %%
open_deals = deals[~deals.is_closed]
by_stage = open_deals.groupby("stage").amount.sum().reindex([s for s in DEAL_STAGES if s in set(open_deals.stage)])
by_stage.plot.barh(title="Open pipeline by stage ($)", figsize=(6, 3));

# %% [markdown]
# **Weighted pipeline = sum(amount x stage probability / 100)**: what the open deals are
# worth if each wins at its stage's rate. A $100k deal in prospecting counts $10k; the
# same deal in negotiation counts $90k. For all open deals:

# %%
(open_deals.amount * open_deals.stage.map(DEAL_STAGES) / 100).sum()

# %% [markdown]
# A forecast is for a period. **This quarter** means the calendar quarter that contains
# `today`; its pipeline is the open deals whose `close_date` falls from `today` to the
# quarter's last day. pandas finds the quarter for you:

# %%
quarter = today.to_period("Q")
quarter_start, quarter_end = quarter.start_time, quarter.end_time
quarter, quarter_start, quarter_end

# %% [markdown]
# ## Exercise 1: this quarter's weighted pipeline
#
# Store in `weighted` the weighted pipeline (in dollars) of the **open** deals closing
# this quarter (close date from `today` to the end of its quarter), with each deal's
# stage probability.

# %% answer q1
in_quarter = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
# .astype(float): a number even when no open deal is left to close this quarter
weighted = (in_quarter.amount * in_quarter.stage.map(DEAL_STAGES).astype(float) / 100).sum()

# %% tests q1
ex.q1.check(weighted)
# hidden
ex.q1.grade(weighted)

# %% [markdown]
# ## 2. Coverage: is the pipeline big enough?
#
# **Coverage = open pipeline / remaining quota.** The pipeline here is the open deals
# closing this quarter at their **full** amounts; the remaining quota is the team's quota
# (every AE's `quarterly_quota`) minus what is already booked this quarter (won deals
# closed since the quarter began).

# %%
team_quota = users.loc[users.role == "ae", "quarterly_quota"].sum()
wins = deals[deals.is_won]
booked = wins[(wins.close_date >= quarter_start) & (wins.close_date <= today)].amount.sum()
team_quota, booked

# %% [markdown]
# Today is six weeks into the quarter, so part of the quota is already booked (on the
# course's worlds between a tenth and four fifths of it): the remaining quota is what
# the open pipeline must still cover, not the whole quota. Early in a quarter the two are
# close; late in a quarter the remaining quota shrinks.
#
# **How much coverage is enough?** If the team wins a share *w* of its pipeline, then to
# book $1 it needs $1 / *w* of pipeline: **coverage needed = 1 / win rate**. At a 25% win
# rate that is 4x; at 33%, 3x (the common "3x coverage" rule). A lower win rate needs
# *more* coverage, so never multiply by the win rate: at 25%, "quota x 0.25" would claim
# that pipeline worth a quarter of the quota can book all of it, as if every deal were
# won four times over.

# %%
rates = pd.Series([0.15, 0.20, 0.25, 0.33, 0.50])
ax = (1 / rates).set_axis(rates).plot(marker="o", figsize=(5, 3), title="Coverage needed = 1 / win rate")
ax.set_xlabel("win rate"); ax.set_ylabel("coverage needed (x)");

# %% [markdown]
# Coverage is measured in dollars, so the win rate that belongs with it is the win rate
# **by value** (won amount / closed amount), and a recent one: the deals closed in the
# last 365 days, a window this module uses for every "recent" rate.

# %%
recent = deals[deals.is_closed & (deals.close_date >= today - pd.Timedelta(days=365))]
len(recent), recent.close_date.min(), recent.close_date.max()

# %% [markdown]
# ## Exercise 2: coverage, coverage needed, pipeline needed
#
# Store a dict in `coverage` with:
# - `"coverage"`: this quarter's open pipeline (full amounts, open deals closing from
#   `today` to the quarter's end) / the remaining quota (team quota - booked so far this quarter);
# - `"coverage_needed"`: 1 / the win rate by value of deals closed in the last 365 days;
# - `"pipeline_needed"`: the open pipeline, in dollars, that the remaining quota needs at that win rate.
#
# Each key right earns a third of the points.

# %% answer q2
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
pipeline = closing.amount.sum()
remaining = team_quota - booked
win_rate_value = recent[recent.is_won].amount.sum() / recent.amount.sum()
coverage = {"coverage": pipeline / remaining, "coverage_needed": 1 / win_rate_value,
            "pipeline_needed": remaining / win_rate_value}
coverage

# %% tests q2
ex.q2.check(coverage)
# hidden
ex.q2.grade(coverage)

# %% [markdown]
# Compare your coverage with the coverage needed: above it, the quarter is covered *if*
# the pipeline converts as it did last year; below it, the team needs more pipeline
# (marketing and SDRs) or a better win rate. The domain benchmarks: about 3x overall,
# 2-3x for SMB, 4-5x for enterprise, where win rates are lower.
#
# ## 3. Sales velocity: how fast the pipeline turns into revenue
#
# **Sales velocity = opportunities x average deal x win rate / cycle length (days)**, in
# dollars per day. Here: opportunities = the open deals now; average deal = mean amount of
# the **won** deals; win rate = won / closed (by count); cycle length = **median** days from
# creation to close of won deals. The last three are measured on deals closed in the last
# 365 days (a stated window, so the numbers describe recent performance). For the team:

# %%
recent_wins = recent[recent.is_won]
team = {
    "opportunities": len(open_deals),
    "average_deal": recent_wins.amount.mean(),
    "win_rate": recent.is_won.mean(),
    "cycle_length": ((recent_wins.close_date - recent_wins.created_at) / pd.Timedelta(days=1)).median(),
}
print(f"{team['opportunities']:,} open deals x ${team['average_deal']:,.0f} x {team['win_rate']:.1%} win rate / {team['cycle_length']:.0f} days")
print(f"velocity: ${team['opportunities'] * team['average_deal'] * team['win_rate'] / team['cycle_length']:,.0f} a day")

# %% [markdown]
# ## Exercise 3: velocity per AE
#
# Store in `velocity` a Series (or dict) indexed by `owner_id`, with the sales velocity
# of each AE who won at least one deal closed in the last 365 days. An AE with no open
# deal today has velocity 0. Use decimal days for the cycle (`/ pd.Timedelta(days=1)`).

# %% answer q3
recent_wins = recent[recent.is_won]
per_ae = pd.DataFrame({
    "opportunities": open_deals.groupby("owner_id").size(),
    "average_deal": recent_wins.groupby("owner_id").amount.mean(),
    "win_rate": recent.groupby("owner_id").is_won.mean(),
    "cycle_length": ((recent_wins.close_date - recent_wins.created_at) / pd.Timedelta(days=1)).groupby(recent_wins.owner_id).median(),
})
per_ae = per_ae.dropna(subset=["average_deal"]).fillna({"opportunities": 0})
velocity = per_ae.opportunities * per_ae.average_deal * per_ae.win_rate / per_ae.cycle_length

# %% tests q3
ex.q3.check(velocity)
# hidden
ex.q3.grade(velocity)

# %% [markdown]
# Velocity differs widely from one AE to the next: compare the top and the bottom of the chart.

# %%
if ex.q3.answered(velocity):
    velocity.sort_values().plot.barh(figsize=(6, 5), title="Sales velocity per AE ($ per day)");

# %% [markdown]
# **Which lever moves velocity most?** The first three levers multiply, the cycle
# divides. Improve one multiplying lever by 10% and velocity grows by 10%. Make the cycle
# 10% *shorter* and velocity is divided by 0.9: it grows by 1 / 0.9 - 1, about 11.1%.
# Careful with the win rate: "10% better" means 10% of itself (20% to 22%), not 10
# percentage points (20% to 30%, a 50% improvement).
#
# ## Exercise 4: the four levers
#
# For the whole team (the `team` levers above), store a dict in `velocity_levers` with:
# - `"levers"`: a dict giving the team's velocity after improving **one** lever by 10%,
#   for each of `"opportunities"`, `"average_deal"`, `"win_rate"` (relative: x 1.1) and
#   `"cycle_length"` (10% shorter);
# - `"biggest"`: the name of the lever that gives the highest velocity.
#
# Each key right earns half the points.

# %% answer q4
def team_velocity(opportunities, average_deal, win_rate, cycle_length):
    return opportunities * average_deal * win_rate / cycle_length

levers = {
    "opportunities": team_velocity(**{**team, "opportunities": team["opportunities"] * 1.1}),
    "average_deal": team_velocity(**{**team, "average_deal": team["average_deal"] * 1.1}),
    "win_rate": team_velocity(**{**team, "win_rate": team["win_rate"] * 1.1}),
    "cycle_length": team_velocity(**{**team, "cycle_length": team["cycle_length"] * 0.9}),
}
velocity_levers = {"levers": levers, "biggest": max(levers, key=levers.get)}
velocity_levers

# %% tests q4
ex.q4.check(velocity_levers)
# hidden
ex.q4.grade(velocity_levers)

# %% [markdown]
# The arithmetic favours the cycle, but only a little: the real question is which lever a
# team can actually move 10%. Marketing moves opportunities (more qualified pipeline);
# qualification and MEDDPICC discipline move the win rate; fewer stalls move the cycle.
#
# ## 4. Slipped deals
#
# A deal **slips** when its close date is pushed later. `world.opportunity_history` has a
# row each time a deal's stage or close date changed. One deal's story:

# %%
slipper = history.sort_values("changed_at").groupby("opportunity_id").close_date.nunique().idxmax()
history[history.opportunity_id == slipper][["changed_at", "stage", "probability", "close_date"]]

# %% [markdown]
# Most rows are stage changes with the same close date. A **slip** is a row whose
# `close_date` is later than the previous row's: sort by time, then compare each row with
# the one before it (`.shift()`). Dates move the other way too, less often: a row whose
# `close_date` is earlier is a **pull-in** (the buyer moved faster), and the closing row
# of a lost deal often carries a date earlier than the last one expected. For this deal,
# the rows that are slips:

# %%
one = history[history.opportunity_id == slipper].sort_values("changed_at")
one.close_date > one.close_date.shift()

# %% [markdown]
# For every deal at once, sort by deal and time and shift within each deal:
# `groupby("opportunity_id").close_date.shift()`, so that no deal is compared with the
# previous deal's last row.

# %% [markdown]
# ## Exercise 5: deals that slipped at least twice
#
# Store a dict in `slipped` with:
# - `"n_slipped"`: the number of deals (open or closed) whose close date was pushed later at least twice;
# - `"win_rate_slipped"`: their win rate, won / (won + lost), over those that are closed;
# - `"win_rate_never_slipped"`: the same win rate for the deals that never slipped (0 slips), over those that are closed.
#
# Each key right earns a third of the points.

# %% answer q5
h = history.sort_values(["opportunity_id", "changed_at"])
moved_later = h.close_date > h.groupby("opportunity_id").close_date.shift()
slips = moved_later.groupby(h.opportunity_id).sum()
deals_slips = deals.assign(slips=deals.opportunity_id.map(slips).fillna(0))
done = deals_slips[deals_slips.is_closed]
slipped = {
    "n_slipped": int((deals_slips.slips >= 2).sum()),
    "win_rate_slipped": done[done.slips >= 2].is_won.mean(),
    "win_rate_never_slipped": done[done.slips == 0].is_won.mean(),
}
slipped

# %% tests q5
ex.q5.check(slipped)
# hidden
ex.q5.grade(slipped)

# %% [markdown]
# In this world, as in most pipelines, the more a deal slips the less often it wins: a
# moving close date often means no one on the buyer's side owns the decision or the timeline.

# %%
if ex.q5.answered(slipped):
    done.groupby(done.slips.clip(upper=3)).is_won.mean().plot.bar(
        figsize=(5, 3), title="Win rate by number of slips (3 = 3 or more)", rot=0);

# %% [markdown]
# ## 5. Forecast categories and the roll-up
#
# Stage probabilities are the company's rule; the **forecast category** is the rep's
# call. In Salesforce: **pipeline** (early, not counted in the forecast), **best case**
# (could close this period if things go well), **commit** (the rep is confident it
# closes), **closed** (won) and **omitted** (lost). In this CRM the category follows the
# stage:

# %%
pd.crosstab(deals.stage, deals.forecast_category)

# %% [markdown]
# The **roll-up** a manager reports, at full amounts (the category already says how sure
# the rep is, so nothing is weighted):
# - **commit** = closed won so far this quarter + open commit deals closing this quarter;
# - **best case** = commit + open best-case deals closing this quarter.
#
# Then the manager calls a number somewhere between them, deal by deal.
#
# ## Exercise 6: this quarter's roll-up
#
# Store a dict in `forecast` with the keys `"commit"` and `"best_case"`, in dollars, for
# this quarter. Each key right earns half the points.

# %% answer q6
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
by_category = closing.groupby("forecast_category").amount.sum()
commit = booked + by_category.get("commit", 0)
forecast = {"commit": commit, "best_case": commit + by_category.get("best_case", 0)}
forecast

# %% tests q6
ex.q6.check(forecast)
# hidden
ex.q6.grade(forecast)

# %% [markdown]
# Put the roll-up next to the quota: commit is what the team is confident of, best case
# the ceiling. The gap between them is where the forecast call is made.

# %%
if ex.q6.answered(forecast) and ex.q1.answered(weighted):
    pd.Series({"quota": team_quota, "commit": forecast["commit"], "best case": forecast["best_case"],
               "weighted": weighted}).plot.bar(figsize=(5, 3), rot=0, title="This quarter ($)");

# %% [markdown]
# **Explore.** Pick a segment, move the win rate, and leave out the deals that slipped
# twice or more: see how coverage, the coverage needed (1 / win rate) and the roll-up
# change. Enterprise, with its lower win rate, needs more coverage than SMB.

# %%
from crosstrain.notebook.widgets.forecast import forecast_explorer

forecast_explorer(world)

# %% [markdown]
# ## 6. Closing: what does a discount buy?
#
# In negotiation, a discount is the quickest concession, and the most expensive: it comes
# straight off the amount signed (`amount` is after the discount, `discount_pct` is the
# percentage given). Does it buy a higher win rate? `discount_band` groups deals into
# `none`, `under_10`, `10_to_20` and `20_plus` (percent off):

# %%
discount_band(deals.discount_pct).value_counts()

# %% [markdown]
# ## Exercise 7: win rate and median won amount by discount band
#
# Store a dict in `discounts` with:
# - `"win_rate"`: a Series (or dict) by discount band of the win rate over **closed** deals;
# - `"median_won_amount"`: a Series (or dict) by discount band of the **median** amount of won deals.
#
# Each key earns half the points (and within a key, the share of bands right).

# %% answer q7
closed_deals = deals[deals.is_closed]
band = discount_band(closed_deals.discount_pct)
won_deals = closed_deals[closed_deals.is_won]
discounts = {
    "win_rate": closed_deals.is_won.groupby(band).mean(),
    "median_won_amount": won_deals.amount.groupby(band[won_deals.index]).median(),
}
discounts

# %% tests q7
ex.q7.check(discounts)
# hidden
ex.q7.grade(discounts)

# %% [markdown]
# Read the two side by side: if deeper discounts do not win clearly more often, while the
# deals they sign are smaller, the discount gave money away. (The segments also differ in
# deal size, so a fair test compares bands within one segment.) The alternative to an
# instant discount is the objection-handling of module 05: explore what "too expensive"
# means before responding, and trade any concession for something (a longer term, a case
# study, a signature date).

# %%
if ex.q7.answered(discounts):
    pd.DataFrame(discounts).plot.bar(subplots=True, figsize=(6, 4), rot=0, legend=False,
                                     title=["Win rate (closed deals)", "Median won amount ($)"]);

# %% [markdown]
# ## The forecast call
#
# A forecast call goes deal by deal through commit and best case and asks what could stop
# each one: a missing economic buyer, no champion, no agreed paper process, a close date
# that keeps moving, a competitor. `deal_risks` lists this quarter's commit and best-case
# deals with their slips, the days left to their close date and the MEDDPICC elements
# they still miss:

# %%
risks = deal_risks(deals, history, today)
risks.head(10)

# %% [markdown] locked forecast_memo_prompt
# ## Written: your forecast-call memo (graded by your trainer)
#
# You are the sales manager. Write a short memo (about 200-300 words) for the forecast
# call with your VP:
# 1. the number you call for this quarter, between commit and best case, and how it
#    compares with the remaining quota and the coverage needed;
# 2. **three commit deals** and **two best-case deals** by name or id, each with its amount
#    and its main risk (MEDDPICC gaps, slips, days left) and what you will do about it;
# 3. one thing you ask marketing for, given the coverage and velocity you computed.

# %% [markdown] written forecast_memo points=4
# *(A model answer: the values and deals are each world's own, so it names where each comes
# from; yours are the numbers and deals your notebook printed.)*
#
# **Forecast call, this quarter.** Six weeks in we have booked `booked` of the team quota
# (`team_quota`); the remaining quota is the difference, and it is what I hold the call
# against, not the whole quota. Commit (`forecast["commit"]`: booked plus the open commit
# deals) and best case (`forecast["best_case"]`) bracket the call. The coverage needed at
# our recent win rate by value (`coverage["coverage_needed"]`) is well above the 3x rule of
# thumb; I set the coverage we have (`coverage["coverage"]`) against it. Where we have less,
# the gap has to come from converting best-case deals. I call commit, less any commit deal
# without an economic buyer, plus the best-case deals whose MEDDPICC is nearly complete.
#
# For each deal, from `deal_risks`: its id, name and amount, its main risk and the action.
# - **Three commit deals**, largest first. The risk is what `meddpicc_missing`, `slips` and
#   `close_in_days` show: no economic buyer (meet them this week or take the deal out of
#   commit), no paper process (agree the contract steps and dates with procurement now), a
#   close date that already moved (a mutual close plan with dates, signed off by the buyer).
# - **Two best-case deals**: one with a champion or paper process still missing (it moves
#   to commit once a champion sponsors it), and one that slipped twice or more, which I keep
#   out of the call unless its decision process is mapped this month: deals that slipped
#   twice or more win less often than deals that never slipped. Action: review it weekly.
#
# Ask to marketing: next quarter's pipeline must be created now to close in time; a
# late-stage enterprise programme (customer references, an ROI calculator) would help both
# the win rate and next quarter's coverage.

# %% [markdown]
# ## Key points
#
# - Stage probabilities (Salesforce defaults) weight the pipeline: weighted pipeline =
#   sum(amount x probability / 100) over **open** deals closing in the period.
# - Check them against the share won from each stage in `opportunity_history`: here early
#   stages win more often than configured and late stages less often.
# - Mid-quarter, part of the quota is already booked: coverage divides by the remaining
#   quota, and the commit roll-up starts from what is won so far.
# - "This quarter" is the quarter containing today; its pipeline is open deals closing
#   from today to the quarter's end, not every open deal.
# - Coverage = open pipeline / (quota - booked so far); the coverage needed is about
#   1 / win rate (by value for dollars). Never multiply by the win rate.
# - Sales velocity = opportunities x average deal x win rate / cycle length, over a
#   stated window; a 10% shorter cycle lifts it about 11.1%, the other levers 10%.
# - A slip is a close date moved later; deals that slip repeatedly win less often.
# - Forecast roll-up at full amounts: commit = closed won so far + commit deals; best
#   case = commit + best-case deals. The call names its deals and their risks.
# - Compare discounts by median won amount and win rate: a discount that buys no win
#   rate only gives money away.
