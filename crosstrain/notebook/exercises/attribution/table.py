"""The exercise table of module 07, attribution.

Each exercise's expected value, hint and known mistakes, computed on the world the
notebook loaded; what the lesson teaches is in ``formulas``.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd

from crosstrain.notebook.answers.by_label import ByLabel, Parts
from crosstrain.notebook.answers.credit import Credit
from crosstrain.notebook.answers.scalars import Amount, Count
from crosstrain.notebook.exercise import Exercise, Mistake
from crosstrain.notebook.exercises.attribution.formulas import (
    ACQUISITION_ROLES,
    ANNUAL_CHURN,
    COST_PER_HEAD,
    HALF_LIFE_DAYS,
    HISTORY_YEARS,
    MODULE,
    REPS,
    U_SHAPED,
    W_SHAPED,
    campaign_roi,
    credit,
    days_before_close,
    new_business,
    position_shares,
    revenue_by_channel,
    role_flags,
    sourced_and_influenced,
    touch_path,
    unit_economics,
    won_path_revenue,
)
from crosstrain.notebook.exercises.measuring.formulas import (
    GROSS_MARGIN,
    won,
)

# --- what each exercise computes, right and wrong ----------------------------------------

def _dict(series: pd.Series) -> dict:
    return {str(k): float(v) for k, v in series.items()}


def _model(world, model: str, path: pd.DataFrame | None = None) -> dict:
    return _dict(revenue_by_channel(world, model, path))


def _primary(world, deals=None) -> dict:
    deals = world.opportunities if deals is None else deals
    channel = deals.campaign_id.map(world.campaigns.set_index("campaign_id").channel)
    return _dict(deals.amount.groupby(channel).sum())


def _window(world, deals=None, until="close_date") -> dict:
    path = touch_path(world, deals, until)
    return {"touches": len(path), "deals": int(path.opportunity_id.nunique())}


def _parts(world, models: dict[str, str], path=None) -> dict:
    path = touch_path(world) if path is None else path
    return {key: _model(world, model, path) for key, model in models.items()}


LAST_LINEAR = {"last_touch": "last_touch", "linear": "linear"}
U_W = {"u_shaped": "u_shaped", "w_shaped": "w_shaped"}


def _linear_full_amount(world) -> dict:
    path = touch_path(world)
    return {"last_touch": _model(world, "last_touch", path), "linear": _dict(path.amount.groupby(path.channel).sum())}


def _linear_by_touch_count(world) -> dict:
    path = touch_path(world)
    counts = path.channel.value_counts()
    return {"last_touch": _model(world, "last_touch", path), "linear": _dict(counts / counts.sum() * won_path_revenue(path))}




def _unscaled(world, role_weights, rest) -> dict:
    """Position weights without rescaling: one- and two-touch deals hand out less than 100%."""
    path = touch_path(world)
    flags = role_flags(path)
    raw = sum(flags[r] * w for r, w in role_weights.items())
    in_rest = ~flags[list(role_weights)].any(axis=1)
    n_rest = in_rest.groupby(path.opportunity_id).transform("sum")
    raw = raw + in_rest * rest / n_rest.where(n_rest > 0, 1)
    return _dict(credit(path, raw))


def _first_is_lead_creation(world, role_weights, rest) -> dict:
    path = touch_path(world).assign(lead_created_at=lambda p: p.groupby("opportunity_id").occurred_at.transform("min"))
    return _dict(credit(path, position_shares(path, role_weights, rest)))


def _opp_creation_after(world, role_weights, rest) -> dict:
    """The opportunity-creation touch taken as the first touch after the deal was created."""
    path = touch_path(world)
    first_after = path.occurred_at.where(path.occurred_at > path.opp_created_at).groupby(path.opportunity_id).transform("min")
    flags = role_flags(path).assign(opportunity_creation=path.occurred_at.eq(first_after))
    raw = sum(flags[r] * w for r, w in role_weights.items())
    in_rest = ~flags[list(role_weights)].any(axis=1)
    n_rest = in_rest.groupby(path.opportunity_id).transform("sum")
    raw = raw + in_rest * rest / n_rest.where(n_rest > 0, 1)
    return _dict(credit(path, raw / raw.groupby(path.opportunity_id).transform("sum")))


def _decay(world, weight, normalise=True, until="close_date") -> dict:
    path = touch_path(world, until=until)
    raw = weight(path)
    share = raw / raw.groupby(path.opportunity_id).transform("sum") if normalise else raw
    return _dict(credit(path, share))


def _days_after_first(path):
    return (path.occurred_at - path.groupby("opportunity_id").occurred_at.transform("min")) / pd.Timedelta(days=1)


def _pipeline_won_only(world) -> dict:
    return sourced_and_influenced(world, deals=won(new_business(world.opportunities)))


def _influenced_only(world) -> dict:
    parts = sourced_and_influenced(world)
    deals = new_business(world.opportunities)
    path = touch_path(world, deals, until="opp_created_at")
    return {**parts, "influenced": won_path_revenue(path[path.source_channel.eq("outbound")])}


def _economics_per_deal(world) -> dict:
    wins = won(new_business(world.opportunities))
    marketing = world.campaigns.actual_cost.sum()
    people = world.users.role.isin(ACQUISITION_ROLES).sum() * COST_PER_HEAD * HISTORY_YEARS
    cac = (people + marketing) / len(wins)
    arpa = wins.amount.sum() / len(wins)
    ltv = arpa * GROSS_MARGIN / ANNUAL_CHURN
    return {"cac": float(cac), "ltv": float(ltv), "ltv_to_cac": float(ltv / cac), "payback_months": float(cac / (arpa / 12 * GROSS_MARGIN))}


def _economics_marketing_only(world) -> dict:
    return unit_economics(world, cost_per_head=0.0)


def _economics_reps_only(world) -> dict:
    return unit_economics(world, roles=REPS)


def _economics_csm_included(world) -> dict:
    return unit_economics(world, roles=(*ACQUISITION_ROLES, "csm"))


def _economics_no_margin(world) -> dict:
    return unit_economics(world, margin=1.0)


def _economics_annual_payback(world) -> dict:
    right = unit_economics(world)
    return {**right, "payback_months": right["payback_months"] / 12}


def _campaign_ids(world) -> list[str]:
    return sorted(world.campaigns.campaign_id)


def _primary_campaign_roi(world) -> dict:
    spend = world.campaigns.set_index("campaign_id").actual_cost
    wins = won(world.opportunities)
    revenue = wins.amount.groupby(wins.campaign_id).sum().reindex(spend.index, fill_value=0.0)
    return _dict((revenue * GROSS_MARGIN - spend) / spend)


def _per_world(compute):
    """Remember the last world's expected value: a notebook's check and grade each ask for
    it, and recomputing attribution twice per exercise would eat the time budget. The
    memo is keyed on the world's very table objects, so another world (or replaced
    tables) recomputes; a copy is handed out so nobody can edit the memo."""
    memo: dict = {}

    def expected(world):
        tables = tuple(getattr(world, name) for name in ("touchpoints", "leads", "opportunities", "campaigns", "users"))
        hit = memo.get(id(world))
        if hit is None or not all(a is b for a, b in zip(hit[0], tables)):
            memo.clear()
            memo[id(world)] = hit = (tables, compute(world))
        return copy.deepcopy(hit[1])

    return expected


CREDIT = Credit()

EXERCISES = [
    Exercise(
        MODULE, "q1", "primary_source", "Under Salesforce's default (primary campaign source), how much won revenue does each channel get?",
        Credit(),
        compute=_per_world(lambda w: _model(w, "primary_campaign")),
        hint_text="Keep the won new-business deals (type == 'new_business' and is_won), map each deal's campaign_id to its campaign's channel (world.campaigns.set_index('campaign_id').channel), and sum the amount per channel.",
        solution_text="wins = deals[(deals.type == 'new_business') & deals.is_won]\nchannel = wins.campaign_id.map(camps.set_index('campaign_id').channel)\nprimary_source = wins.amount.groupby(channel).sum()",
        mistakes=(
            Mistake("all_deals", lambda w: _primary(w),
                    "you summed every deal's amount, open and lost ones too. Closed-loop reporting credits won revenue: keep is_won.", core=True),
            Mistake("closed_deals", lambda w: _primary(w, w.opportunities[w.opportunities.is_closed]),
                    "you kept every closed deal, lost ones too. A lost deal brings no revenue: keep is_won."),
            Mistake("deal_count", lambda w: _dict(won(w.opportunities).campaign_id.map(w.campaigns.set_index("campaign_id").channel).value_counts()),
                    "you counted won deals per channel. The question asks for won revenue: sum the amount."),
        ),
    ),
    Exercise(
        MODULE, "q2", "window", "How many touches count for attribution, and how many won deals have at least one?",
        Parts((("touches", Count(of="touches")), ("deals", Count(of="won deals")))),
        compute=_per_world(_window),
        hint_text="Merge world.touchpoints with the won new-business deals on lead_id (keep opportunity_id, amount, created_at, close_date), keep the touches with occurred_at <= close_date, then count rows and distinct opportunity_id.",
        solution_text="wins = deals[(deals.type == 'new_business') & deals.is_won][['opportunity_id', 'lead_id', 'amount', 'created_at', 'close_date']]\ntouches = world.touchpoints.merge(wins, on='lead_id')\ntouches = touches[touches.occurred_at <= touches.close_date]\nwindow = {'touches': len(touches), 'deals': touches.opportunity_id.nunique()}",
        points=2,
        mistakes=(
            Mistake("after_close", lambda w: _window(w, until=None),
                    "you kept touches that happened after the deal closed. A touch after the win cannot have caused it: keep occurred_at <= close_date.", core=True),
            Mistake("all_deals", lambda w: _window(w, w.opportunities),
                    "you kept the touches of every deal's lead, open and lost deals too. Revenue attribution shares out won revenue: keep the won deals."),
            Mistake("until_creation", lambda w: _window(w, until="opp_created_at"),
                    "you stopped at the deal's creation. Revenue attribution runs up to the conversion, the win (close_date); the touches while the deal was open count too."),
        ),
    ),
    Exercise(
        MODULE, "q3", "last_linear", "Won revenue by channel under last-touch and under linear attribution?",
        Parts((("last_touch", CREDIT), ("linear", CREDIT))),
        compute=_per_world(lambda w: _parts(w, LAST_LINEAR)),
        hint_text="On path: the last touch is the one with the latest occurred_at of its deal (transform('max'), or ~path.opportunity_id.duplicated(keep='last') since path is sorted). Linear: each touch gets 1 / (number of touches of its deal), transform('size'). Credit = share x amount, summed by channel.",
        solution_text="deal = path.groupby('opportunity_id')\nis_last = path.occurred_at.eq(deal.occurred_at.transform('max'))\nlinear_share = 1 / deal.occurred_at.transform('size')\nlast_linear = {\n    'last_touch': path.amount[is_last].groupby(path.channel[is_last]).sum(),\n    'linear': (linear_share * path.amount).groupby(path.channel).sum(),\n}",
        points=2,
        mistakes=(
            Mistake("full_amount_per_touch", _linear_full_amount,
                    "your linear credit gives every touch the deal's whole amount, so the channels share out more revenue than was won. Give each touch 1 / (touches of its deal) of the amount.", core=True),
            Mistake("share_of_touches", _linear_by_touch_count,
                    "you split the total revenue by each channel's share of all touches. Linear shares each deal's own amount among that deal's touches: a touch on a big deal is worth more than one on a small deal."),
            Mistake("after_close", lambda w: _parts(w, LAST_LINEAR, touch_path(w, until=None)),
                    "you used touches that came after the deal closed, so the last touch is often a post-sale touch. Start from path, the touches up to the close."),
        ),
    ),
    Exercise(
        MODULE, "q4", "u_w", "Won revenue by channel under U-shaped and under W-shaped attribution?",
        Parts((("u_shaped", CREDIT), ("w_shaped", CREDIT))),
        compute=_per_world(lambda w: _parts(w, U_W)),
        hint_text="Flag each role on path (first, lead creation, opportunity creation). raw = sum of role flag x role weight, plus, for touches with no role, the rest weight / (number of role-less touches of the deal). Then share = raw / raw summed per deal (transform('sum')), so one- and two-touch deals and outbound deals still hand out 100%.",
        solution_text="deal = path.opportunity_id\nfirst = ~deal.duplicated()\nlead_creation = path.occurred_at.eq(path.lead_created_at)\nlast_before = path.occurred_at.where(path.occurred_at <= path.opp_created_at).groupby(deal).transform('max')\nopp_creation = path.occurred_at.eq(last_before)\n\ndef position(roles, rest):\n    raw = sum(flag * weight for flag, weight in roles)\n    no_role = ~pd.concat([flag for flag, _ in roles], axis=1).any(axis=1)\n    n_rest = no_role.groupby(deal).transform('sum')\n    raw = raw + no_role * rest / n_rest.where(n_rest > 0, 1)\n    share = raw / raw.groupby(deal).transform('sum')\n    return (share * path.amount).groupby(path.channel).sum()\n\nu_w = {\n    'u_shaped': position([(first, 0.4), (lead_creation, 0.4)], 0.2),\n    'w_shaped': position([(first, 0.3), (lead_creation, 0.3), (opp_creation, 0.3)], 0.1),\n}",
        points=3,
        mistakes=(
            Mistake("not_rescaled", lambda w: {"u_shaped": _unscaled(w, *U_SHAPED), "w_shaped": _unscaled(w, *W_SHAPED)},
                    "your shares do not sum to 1 for every deal: a deal with one or two touches (or an outbound deal, which has no lead-creation touch) hands out less than its amount. Rescale each deal's raw weights by their sum."),
            Mistake("first_is_lead_creation", lambda w: {"u_shaped": _first_is_lead_creation(w, *U_SHAPED), "w_shaped": _first_is_lead_creation(w, *W_SHAPED)},
                    "you took the first touch as the lead-creation touch. The first touch is often an anonymous visit long before the form fill that created the lead: the lead-creation touch is the one at the lead's created_at.", core=True),
            Mistake("opp_creation_after", lambda w: {"u_shaped": _parts(w, {"u": "u_shaped"})["u"], "w_shaped": _opp_creation_after(w, *W_SHAPED)},
                    "your opportunity-creation touch is the first touch after the deal was created. It is the last touch at or before the deal's created_at: the one that tipped the lead into a deal."),
        ),
    ),
    Exercise(
        MODULE, "q5", "time_decay", f"Won revenue by channel under time-decay attribution with a half-life of {HALF_LIFE_DAYS:g} days?",
        Credit(),
        compute=_per_world(lambda w: _model(w, "time_decay")),
        hint_text="days = (path.close_date - path.occurred_at) / pd.Timedelta(days=1): the days BEFORE the conversion. weight = 2 ** (-days / 7); share = weight / weight summed per deal; credit = share x amount, summed by channel.",
        solution_text="days = (path.close_date - path.occurred_at) / pd.Timedelta(days=1)\nweight = 2 ** (-days / 7)\nshare = weight / weight.groupby(path.opportunity_id).transform('sum')\ntime_decay = (share * path.amount).groupby(path.channel).sum()",
        points=2,
        mistakes=(
            Mistake("days_after_first", lambda w: _decay(w, lambda p: 2.0 ** (-_days_after_first(p) / HALF_LIFE_DAYS)),
                    "you counted the days after the first touch, so the earliest touches weigh most. Time decay counts the days before the conversion (close_date - occurred_at): the touches nearest the win weigh most.", core=True),
            Mistake("not_rescaled", lambda w: _decay(w, lambda p: 2.0 ** (-days_before_close(p) / HALF_LIFE_DAYS), normalise=False),
                    "you multiplied the amount by the raw weights, which do not sum to 1 per deal. Divide each weight by its deal's total first."),
            Mistake("natural_exp", lambda w: _decay(w, lambda p: np.exp(-days_before_close(p) / HALF_LIFE_DAYS)),
                    "you used e^(-days / 7). With a half-life, the weight halves every 7 days: 2 ** (-days / 7)."),
            Mistake("whole_days", lambda w: _decay(w, lambda p: 2.0 ** (-(p.close_date - p.occurred_at).dt.days / HALF_LIFE_DAYS)),
                    "you counted whole days (.dt.days), so a touch 23 hours before the close weighs as much as one at the close. "
                    "Time decay runs on decimal days: (close_date - occurred_at) / pd.Timedelta(days=1)."),
            Mistake("after_close", lambda w: _decay(w, lambda p: 2.0 ** (-days_before_close(p) / HALF_LIFE_DAYS), until=None),
                    "you kept touches after the close, whose 'days before' are negative and whose weights are then the largest. Start from path."),
        ),
    ),
    Exercise(
        MODULE, "q6", "pipeline", "How much pipeline did marketing source, and how much did it influence?",
        Parts((("sourced", Amount(of="sourced pipeline")), ("influenced", Amount(of="influenced pipeline")))),
        compute=_per_world(sourced_and_influenced),
        hint_text="Pipeline is every new-business deal's amount (type == 'new_business'; open, won and lost). Sourced: the deal's lead has a source_channel other than 'outbound'. Influenced: the deal's lead has at least one touch with occurred_at <= the deal's created_at (merge touchpoints with the deals on lead_id).",
        solution_text="new = deals[deals.type == 'new_business']\nsource = new.lead_id.map(leads.set_index('lead_id').source_channel)\nsourced = new.amount[source != 'outbound'].sum()\ntouched = world.touchpoints.merge(new[['opportunity_id', 'lead_id', 'created_at', 'amount']], on='lead_id')\nbefore = touched[touched.occurred_at <= touched.created_at]\ninfluenced = before.drop_duplicates('opportunity_id').amount.sum()\npipeline = {'sourced': sourced, 'influenced': influenced}",
        points=2,
        mistakes=(
            Mistake("won_only", _pipeline_won_only,
                    "you kept only the won deals. Pipeline is every deal created, whatever happened to it: open, won and lost."),
            Mistake("any_time", lambda w: {**sourced_and_influenced(w), "influenced": sourced_and_influenced(w, window=None)["influenced"]},
                    "you counted touches that came after the deal was created. A deal is influenced by marketing when a touch came before (or at) its creation."),
            Mistake("influenced_only", _influenced_only,
                    "you counted only the deals marketing influenced but did not source. Influenced pipeline includes the sourced deals: every deal with a marketing touch before it was created.", core=True),
            Mistake("with_expansions", lambda w: sourced_and_influenced(w, deals=w.opportunities),
                    "your sourced pipeline counts the expansion deals too: they have no lead, so their source is missing, not 'outbound'. "
                    "Pipeline here is new business: keep type == 'new_business' first (expansions are module 09's)."),
        ),
    ),
    Exercise(
        MODULE, "q7", "economics", "CAC, LTV, LTV:CAC and payback months, with the lesson's stated assumptions?",
        Parts((("cac", Amount(of="the CAC")), ("ltv", Amount(of="the LTV")), ("ltv_to_cac", Amount(of="the LTV:CAC ratio")),
               ("payback_months", Amount(of="the payback in months")))),
        compute=_per_world(unit_economics),
        hint_text="People = the users whose role is in ACQUISITION_ROLES (marketing, SDRs, AEs, managers; not CSMs), times COST_PER_HEAD x HISTORY_YEARS; add the campaigns' actual_cost. New customers = distinct account_id of won new-business deals (type == 'new_business'). ARPA = their won revenue / new customers (a year). LTV = ARPA x GROSS_MARGIN / ANNUAL_CHURN. Payback = CAC / (ARPA / 12 x GROSS_MARGIN).",
        solution_text="people = world.users.role.isin(ACQUISITION_ROLES).sum() * COST_PER_HEAD * HISTORY_YEARS\ncampaigns = camps.actual_cost.sum()\nwins = deals[(deals.type == 'new_business') & deals.is_won]\ncustomers = wins.account_id.nunique()\ncac = (people + campaigns) / customers\narpa = wins.amount.sum() / customers\nltv = arpa * GROSS_MARGIN / ANNUAL_CHURN\neconomics = {'cac': cac, 'ltv': ltv, 'ltv_to_cac': ltv / cac, 'payback_months': cac / (arpa / 12 * GROSS_MARGIN)}",
        points=4,
        mistakes=(
            Mistake("marketing_only", _economics_marketing_only,
                    "your CAC counts only the campaigns' cost. CAC = (sales + marketing spend) / new customers: the people who found, qualified and closed the deals cost money too.", core=True),
            Mistake("reps_only", _economics_reps_only,
                    "your CAC counts the AEs and SDRs but not marketing's own people or the sales managers. Everyone whose job is winning customers is acquisition cost: every role in ACQUISITION_ROLES."),
            Mistake("csm_included", _economics_csm_included,
                    "your CAC includes the CSMs. They serve customers after the sale (retention and expansion), so their cost is not what it took to acquire them: keep the roles in ACQUISITION_ROLES."),
            Mistake("per_deal", _economics_per_deal,
                    "you counted won deals as new customers. A customer is an account: an account that won twice is still one new customer (distinct account_id)."),
            Mistake("no_margin", _economics_no_margin,
                    "your LTV and payback use revenue, not gross profit. Multiply ARPA by GROSS_MARGIN: delivering the product costs something."),
            Mistake("payback_years", _economics_annual_payback,
                    "your payback is in years: you divided the CAC by a year's gross profit. Divide by the monthly gross profit, ARPA / 12 x GROSS_MARGIN."),
            Mistake("with_expansions", lambda w: unit_economics(w, deals=w.opportunities),
                    "your ARPA counts the expansion deals' revenue too, so LTV and payback look better than acquisition earned. "
                    "New customers and their revenue come from new business: keep type == 'new_business' (expansions are module 09's)."),
        ),
    ),
    Exercise(
        MODULE, "q8", "campaign_roi", "Each campaign's ROI on won revenue credited by the W-shaped model?",
        ByLabel(_campaign_ids, of="campaign", measure="ROI", negative_ok=True,
                extra_hint=" A campaign no deal credits has no revenue and an ROI of -1: reindex over world.campaigns.campaign_id."),
        compute=_per_world(lambda w: _dict(campaign_roi(w))),
        hint_text="Use w_share, the W-shaped share of each touch of path, x amount, summed by the touch's campaign_id, reindexed over every campaign (fill 0). ROI = (revenue x GROSS_MARGIN - actual_cost) / actual_cost.",
        solution_text="spend = camps.set_index('campaign_id').actual_cost\nrevenue = (w_share * path.amount).groupby(path.campaign_id).sum().reindex(spend.index, fill_value=0)\ncampaign_roi = (revenue * GROSS_MARGIN - spend) / spend",
        points=2,
        mistakes=(
            Mistake("revenue_not_profit", lambda w: _dict(campaign_roi(w, margin=1.0)),
                    "you used revenue, not gross profit. ROI = (attributed gross profit - spend) / spend: multiply the credited revenue by GROSS_MARGIN."),
            Mistake("primary_campaign", _primary_campaign_roi,
                    "you credited each won deal's whole amount to its primary campaign (campaign_id on the deal). The question asks for the W-shaped credit of each touch's campaign.", core=True),
            Mistake("budget", lambda w: _dict(campaign_roi(w, column="budget")),
                    "you used the budget, which is what was planned. Use actual_cost, what was really spent."),
        ),
    ),
]
