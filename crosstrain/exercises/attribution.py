"""Module 07, attribution and closed-loop reporting: which touches get credit for won
revenue, sourced vs influenced pipeline, unit economics and campaign ROI.

Definitions the lesson states and the grader uses (one place, so they cannot drift):

- **Attributed deals**: won deals (``is_won``). A deal's **touch path** is every
  touchpoint of its lead with ``occurred_at <= close_date`` (the conversion is the win; a
  touch after the close cannot have caused it). Touches from before the lead existed
  (anonymous visits attached on conversion) count. A won deal with no such touch cannot
  be attributed and is left out, so every model's credit sums to the won revenue of the
  deals that have a path.
- **Roles**: the *first* touch (earliest), the *last* touch (latest, at or before close),
  the *lead-creation* touch (the touch at the lead's ``created_at``; outbound leads have
  none: SDRs create them) and the *opportunity-creation* touch (the last touch at or
  before the deal's ``created_at``; none if every touch came later). One touch can play
  several roles and then gets the sum of their weights.
- **Position-based models** (U, W): each role's weight goes to its touch; the "rest"
  weight is split equally among the touches that play no role. A role with no touch
  (outbound lead creation) or a "rest" with no touch (one- or two-touch paths) gives its
  weight to nobody, and the deal's shares are then rescaled to sum to 1, so the weights
  that exist keep their proportions (e.g. U-shaped on two touches: 50/50; W-shaped on an
  outbound deal with first, opportunity-creation and two other touches: 3/7, 3/7, 1/14, 1/14).
- **Time decay**: weight 2^(-days before the close / 7), rescaled to sum to 1 per deal.

The formulas are vectorised pandas (no Python loop over touches) and tested on hand-made
paths in ``tests/exercises/test_attribution.py``.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crosstrain.exercises.measuring import GROSS_MARGIN, ByLabel, Parts, _as_dict, won, won_revenue_by_channel
from crosstrain.learn.answers import Amount, Count, _type_name
from crosstrain.learn.exercise import Exercise, Mistake

MODULE = "07-attribution"
HALF_LIFE_DAYS = 7.0
U_SHAPED = ({"first": 0.4, "lead_creation": 0.4}, 0.2)  # role weights, weight of the rest
W_SHAPED = ({"first": 0.3, "lead_creation": 0.3, "opportunity_creation": 0.3}, 0.1)
ROLES = ("first", "last", "lead_creation", "opportunity_creation")

# Assumptions the world does not hold (the lesson states them):
SALES_COST_PER_HEAD = 120_000.0  # a year, fully loaded (salary, commission, tools), per AE or SDR
SALES_ROLES = ("ae", "sdr")
HISTORY_YEARS = 2.0  # the CRM covers the 730 days before its reference date
ANNUAL_CHURN = 0.20  # share of customers lost per year (no renewals in the world)

MODELS = {
    "primary_campaign": "Primary campaign source (Salesforce default)",
    "first_touch": "First touch",
    "last_touch": "Last touch",
    "linear": "Linear",
    "u_shaped": "U-shaped (40 / 40 / 20)",
    "w_shaped": "W-shaped (30 / 30 / 30 / 10)",
    "time_decay": f"Time decay (half-life {HALF_LIFE_DAYS:g} days)",
}


# --- the touch path -----------------------------------------------------------------------

def touch_path(world, deals: pd.DataFrame | None = None, until: str | None = "close_date") -> pd.DataFrame:
    """One row per touch that counts, with its deal; sorted by deal, then time.

    ``deals`` defaults to the won deals; ``until`` is the deal column a touch must not come
    after (``None``: every touch of the lead, a mistake the lesson warns about).
    """
    deals = won(world.opportunities) if deals is None else deals
    deals = deals[["opportunity_id", "lead_id", "amount", "created_at", "close_date"]].rename(columns={"created_at": "opp_created_at"})
    path = _touches_of_deal_leads(world).merge(deals, on="lead_id")
    if until is not None:
        path = path[path.occurred_at <= path[until]]
    return path.sort_values(["opportunity_id", "occurred_at", "touchpoint_id"]).reset_index(drop=True)


_CACHE: dict[int, tuple] = {}


def _touches_of_deal_leads(world) -> pd.DataFrame:
    """The touches of leads that have a deal, with the lead's creation time and source.

    Cached per world (keyed on the very table objects it was built from, so a world whose
    tables are replaced is rebuilt): a notebook's checks and grades reuse it, which keeps
    the module's solution well under its time budget.
    """
    touchpoints, leads, deals = world.touchpoints, world.leads, world.opportunities
    cached = _CACHE.get(id(world))
    if cached is not None and cached[0] is touchpoints and cached[1] is leads and cached[2] is deals:
        return cached[3]
    touches = touchpoints.loc[touchpoints.lead_id.isin(deals.lead_id), ["touchpoint_id", "lead_id", "occurred_at", "channel", "event_type", "campaign_id"]]
    lead_info = leads[["lead_id", "created_at", "source_channel"]].rename(columns={"created_at": "lead_created_at"})
    result = touches.merge(lead_info, on="lead_id", how="left")
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(world)] = (touchpoints, leads, deals, result)
    return result


def role_flags(path: pd.DataFrame) -> pd.DataFrame:
    """True where a touch plays each role (``path`` sorted by deal, then time, as ``touch_path`` gives it)."""
    deal = path.opportunity_id
    last_before = path.occurred_at.where(path.occurred_at <= path.opp_created_at).groupby(deal).transform("max")
    return pd.DataFrame({
        "first": ~deal.duplicated(keep="first"),
        "last": ~deal.duplicated(keep="last"),
        "lead_creation": path.occurred_at.eq(path.lead_created_at),
        "opportunity_creation": path.occurred_at.eq(last_before),
    }, index=path.index)


def position_shares(path: pd.DataFrame, role_weights: dict[str, float], rest: float) -> pd.Series:
    """Each touch's share of its deal: role weights, the rest split among role-less touches,
    rescaled so each deal's shares sum to 1 (see the module docstring)."""
    flags = role_flags(path)
    raw = pd.Series(0.0, index=path.index)
    for role, weight in role_weights.items():
        raw += flags[role] * weight
    in_rest = ~flags[list(role_weights)].any(axis=1) if role_weights else pd.Series(True, index=path.index)
    n_rest = in_rest.groupby(path.opportunity_id).transform("sum")
    raw += in_rest * rest / n_rest.where(n_rest > 0, 1)
    return raw / raw.groupby(path.opportunity_id).transform("sum")


def days_before_close(path: pd.DataFrame) -> pd.Series:
    return (path.close_date - path.occurred_at) / pd.Timedelta(days=1)


def time_decay_shares(path: pd.DataFrame, half_life: float = HALF_LIFE_DAYS) -> pd.Series:
    """Weight 2^(-days before the close / half-life), rescaled to sum to 1 per deal."""
    raw = 2.0 ** (-days_before_close(path) / half_life)
    return raw / raw.groupby(path.opportunity_id).transform("sum")


def shares(path: pd.DataFrame, model: str) -> pd.Series:
    """Each touch's share of its deal's amount under a touch-based model."""
    if model == "first_touch":
        return position_shares(path, {"first": 1.0}, 0.0)
    if model == "last_touch":
        return position_shares(path, {"last": 1.0}, 0.0)
    if model == "linear":
        return position_shares(path, {}, 1.0)
    if model == "u_shaped":
        return position_shares(path, *U_SHAPED)
    if model == "w_shaped":
        return position_shares(path, *W_SHAPED)
    if model == "time_decay":
        return time_decay_shares(path)
    raise KeyError(f"unknown attribution model '{model}': choose one of {', '.join(MODELS)}")


def credit(path: pd.DataFrame, share: pd.Series, by: str = "channel") -> pd.Series:
    """Won revenue credited to each channel (or campaign): share x deal amount, summed."""
    return (share * path.amount).groupby(path[by]).sum()


def revenue_by_channel(world, model: str, path: pd.DataFrame | None = None) -> pd.Series:
    """Won revenue by channel under one model; ``primary_campaign`` is the baseline that
    gives each won deal's whole amount to the channel of its ``campaign_id``."""
    if model == "primary_campaign":
        revenue = won_revenue_by_channel(world.campaigns, world.opportunities)
        return revenue[revenue > 0]
    path = touch_path(world) if path is None else path
    return credit(path, shares(path, model)).sort_index()


# --- pipeline and unit economics --------------------------------------------------------

def sourced_and_influenced(world, window: str | None = "opp_created_at", deals: pd.DataFrame | None = None) -> dict:
    """Pipeline (every deal's amount, whatever its stage) sourced by marketing (the lead's
    ``source_channel`` is not outbound) and influenced by it (a touch at or before the
    deal's creation)."""
    deals = world.opportunities if deals is None else deals
    source = deals.lead_id.map(world.leads.set_index("lead_id").source_channel)
    path = touch_path(world, deals, until=None)
    if window is not None:
        path = path[path.occurred_at <= path[window]]
    return {"sourced": float(deals.amount[source.ne("outbound")].sum()), "influenced": won_path_revenue(path)}


def unit_economics(world, churn: float = ANNUAL_CHURN, margin: float = GROSS_MARGIN,
                   cost_per_head: float = SALES_COST_PER_HEAD, years: float = HISTORY_YEARS) -> dict:
    """CAC, LTV, LTV:CAC and payback months over the world's whole history.

    CAC = (sales + marketing spend) / new customers (accounts with a won deal);
    ARPA = won revenue / new customers, a year (a deal's amount is a year's contract);
    LTV = ARPA x gross margin / annual churn; payback = CAC / (ARPA / 12 x gross margin).
    """
    marketing = world.campaigns.actual_cost.sum()
    sales = world.users.role.isin(SALES_ROLES).sum() * cost_per_head * years
    wins = won(world.opportunities)
    customers = wins.account_id.nunique()
    cac = (sales + marketing) / customers
    arpa = wins.amount.sum() / customers
    ltv = arpa * margin / churn
    return {"cac": float(cac), "ltv": float(ltv), "ltv_to_cac": float(ltv / cac), "payback_months": float(cac / (arpa / 12 * margin))}


def campaign_roi(world, model: str = "w_shaped", margin: float = GROSS_MARGIN, column: str = "actual_cost",
                 path: pd.DataFrame | None = None) -> pd.Series:
    """ROI = (attributed won revenue x margin - spend) / spend per campaign, the revenue
    credited by ``model`` to the campaign of each touch (touches without a campaign, such
    as direct page views, credit no campaign)."""
    spend = world.campaigns.set_index("campaign_id")[column]
    path = touch_path(world) if path is None else path
    revenue = credit(path, shares(path, model), by="campaign_id").reindex(spend.index, fill_value=0.0)
    return (revenue * margin - spend) / spend


# --- the answer kind this module needs -----------------------------------------------------

@dataclass(frozen=True)
class Credit:
    """Won revenue credited per channel (a Series or a dict). A channel left out counts as
    0, so a groupby that only lists channels with credit is fine. Partial credit: the share
    of channels right, out of those with credit in the answer or the expected value."""

    of: str = "channel"
    rel_tolerance: float = 1e-6
    abs_tolerance: float = 0.01  # a cent

    def sanity(self, answer: Any, world) -> str | None:
        answer = _as_dict(answer)
        if type(answer) is not dict:
            return f"Your answer is {_type_name(answer)}, but the question asks for a Series (or dict) of won revenue per {self.of}."
        if any(type(k) is not str for k in answer):
            return f"The labels of your answer are not {self.of} names: keep the {self.of} as the index (a groupby on it does that)."
        for key, value in answer.items():
            if type(value) not in (int, float) or not math.isfinite(value):
                return f"The credit for {key!r} is {value!r}, not a finite number: did a deal's shares divide by zero?"
            if value < -self.abs_tolerance:
                return f"The credit for {key!r} is negative: credit is a share of won revenue and cannot be."
        return None

    def _close(self, a: Any, b: Any) -> bool:
        return type(a) in (int, float) and math.isfinite(a) and math.isclose(a, b, rel_tol=self.rel_tolerance, abs_tol=self.abs_tolerance)

    def score(self, answer: Any, expected: Any) -> float:
        answer = _as_dict(answer)
        if type(answer) is not dict or type(expected) is not dict:
            return 0.0
        keys = {k for k, v in expected.items() if abs(v) > self.abs_tolerance}
        keys |= {k for k, v in answer.items() if not self._close(v, 0.0)}
        if not keys:
            return 1.0
        return sum(1 for k in keys if self._close(answer.get(k, 0.0), expected.get(k, 0.0))) / len(keys)


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


def won_path_revenue(path: pd.DataFrame) -> float:
    """The amount of the deals a path covers, each deal counted once (for a path of won
    deals: the won revenue it attributes)."""
    return float(path.drop_duplicates("opportunity_id").amount.sum())


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
    return sourced_and_influenced(world, deals=won(world.opportunities))


def _influenced_only(world) -> dict:
    parts = sourced_and_influenced(world)
    deals = world.opportunities
    source = deals.lead_id.map(world.leads.set_index("lead_id").source_channel)
    path = touch_path(world, deals, until="opp_created_at")
    return {**parts, "influenced": won_path_revenue(path[path.source_channel.eq("outbound")])}


def _economics_per_deal(world) -> dict:
    wins = won(world.opportunities)
    marketing = world.campaigns.actual_cost.sum()
    sales = world.users.role.isin(SALES_ROLES).sum() * SALES_COST_PER_HEAD * HISTORY_YEARS
    cac = (sales + marketing) / len(wins)
    arpa = wins.amount.sum() / len(wins)
    ltv = arpa * GROSS_MARGIN / ANNUAL_CHURN
    return {"cac": float(cac), "ltv": float(ltv), "ltv_to_cac": float(ltv / cac), "payback_months": float(cac / (arpa / 12 * GROSS_MARGIN))}


def _economics_marketing_only(world) -> dict:
    return unit_economics(world, cost_per_head=0.0)


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
        hint_text="Keep the won deals (is_won), map each deal's campaign_id to its campaign's channel (world.campaigns.set_index('campaign_id').channel), and sum the amount per channel.",
        solution_text="wins = deals[deals.is_won]\nchannel = wins.campaign_id.map(camps.set_index('campaign_id').channel)\nprimary_source = wins.amount.groupby(channel).sum()",
        mistakes=(
            Mistake("all_deals", lambda w: _primary(w),
                    "you summed every deal's amount, open and lost ones too. Closed-loop reporting credits won revenue: keep is_won."),
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
        hint_text="Merge world.touchpoints with the won deals on lead_id (keep opportunity_id, amount, created_at, close_date), keep the touches with occurred_at <= close_date, then count rows and distinct opportunity_id.",
        solution_text="wins = deals[deals.is_won][['opportunity_id', 'lead_id', 'amount', 'created_at', 'close_date']]\ntouches = world.touchpoints.merge(wins, on='lead_id')\ntouches = touches[touches.occurred_at <= touches.close_date]\nwindow = {'touches': len(touches), 'deals': touches.opportunity_id.nunique()}",
        points=2,
        mistakes=(
            Mistake("after_close", lambda w: _window(w, until=None),
                    "you kept touches that happened after the deal closed. A touch after the win cannot have caused it: keep occurred_at <= close_date."),
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
                    "your linear credit gives every touch the deal's whole amount, so the channels share out more revenue than was won. Give each touch 1 / (touches of its deal) of the amount."),
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
                    "you took the first touch as the lead-creation touch. The first touch is often an anonymous visit long before the form fill that created the lead: the lead-creation touch is the one at the lead's created_at."),
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
                    "you counted the days after the first touch, so the earliest touches weigh most. Time decay counts the days before the conversion (close_date - occurred_at): the touches nearest the win weigh most."),
            Mistake("not_rescaled", lambda w: _decay(w, lambda p: 2.0 ** (-days_before_close(p) / HALF_LIFE_DAYS), normalise=False),
                    "you multiplied the amount by the raw weights, which do not sum to 1 per deal. Divide each weight by its deal's total first."),
            Mistake("natural_exp", lambda w: _decay(w, lambda p: np.exp(-days_before_close(p) / HALF_LIFE_DAYS)),
                    "you used e^(-days / 7). With a half-life, the weight halves every 7 days: 2 ** (-days / 7)."),
            Mistake("after_close", lambda w: _decay(w, lambda p: 2.0 ** (-days_before_close(p) / HALF_LIFE_DAYS), until=None),
                    "you kept touches after the close, whose 'days before' are negative and whose weights are then the largest. Start from path."),
        ),
    ),
    Exercise(
        MODULE, "q6", "pipeline", "How much pipeline did marketing source, and how much did it influence?",
        Parts((("sourced", Amount(of="sourced pipeline")), ("influenced", Amount(of="influenced pipeline")))),
        compute=_per_world(sourced_and_influenced),
        hint_text="Pipeline is every deal's amount (open, won and lost). Sourced: the deal's lead has a source_channel other than 'outbound'. Influenced: the deal's lead has at least one touch with occurred_at <= the deal's created_at (merge touchpoints with the deals on lead_id).",
        solution_text="source = deals.lead_id.map(leads.set_index('lead_id').source_channel)\nsourced = deals.amount[source != 'outbound'].sum()\ntouched = world.touchpoints.merge(deals[['opportunity_id', 'lead_id', 'created_at', 'amount']], on='lead_id')\nbefore = touched[touched.occurred_at <= touched.created_at]\ninfluenced = before.drop_duplicates('opportunity_id').amount.sum()\npipeline = {'sourced': sourced, 'influenced': influenced}",
        points=2,
        mistakes=(
            Mistake("won_only", _pipeline_won_only,
                    "you kept only the won deals. Pipeline is every deal created, whatever happened to it: open, won and lost."),
            Mistake("any_time", lambda w: {**sourced_and_influenced(w), "influenced": sourced_and_influenced(w, window=None)["influenced"]},
                    "you counted touches that came after the deal was created. A deal is influenced by marketing when a touch came before (or at) its creation."),
            Mistake("influenced_only", _influenced_only,
                    "you counted only the deals marketing influenced but did not source. Influenced pipeline includes the sourced deals: every deal with a marketing touch before it was created."),
        ),
    ),
    Exercise(
        MODULE, "q7", "economics", "CAC, LTV, LTV:CAC and payback months, with the lesson's stated assumptions?",
        Parts((("cac", Amount(of="the CAC")), ("ltv", Amount(of="the LTV")), ("ltv_to_cac", Amount(of="the LTV:CAC ratio")),
               ("payback_months", Amount(of="the payback in months")))),
        compute=_per_world(unit_economics),
        hint_text="Sales spend = (number of AEs and SDRs) x SALES_COST_PER_HEAD x HISTORY_YEARS; marketing spend = campaigns' actual_cost. New customers = distinct account_id of won deals. ARPA = won revenue / new customers (a year). LTV = ARPA x GROSS_MARGIN / ANNUAL_CHURN. Payback = CAC / (ARPA / 12 x GROSS_MARGIN).",
        solution_text="sales_spend = world.users.role.isin(['ae', 'sdr']).sum() * SALES_COST_PER_HEAD * HISTORY_YEARS\nmarketing_spend = camps.actual_cost.sum()\nwins = deals[deals.is_won]\ncustomers = wins.account_id.nunique()\ncac = (sales_spend + marketing_spend) / customers\narpa = wins.amount.sum() / customers\nltv = arpa * GROSS_MARGIN / ANNUAL_CHURN\neconomics = {'cac': cac, 'ltv': ltv, 'ltv_to_cac': ltv / cac, 'payback_months': cac / (arpa / 12 * GROSS_MARGIN)}",
        points=4,
        mistakes=(
            Mistake("marketing_only", _economics_marketing_only,
                    "your CAC counts only marketing's spend. CAC = (sales + marketing spend) / new customers: the reps who closed the deals cost money too."),
            Mistake("per_deal", _economics_per_deal,
                    "you counted won deals as new customers. A customer is an account: an account that won twice is still one new customer (distinct account_id)."),
            Mistake("no_margin", _economics_no_margin,
                    "your LTV and payback use revenue, not gross profit. Multiply ARPA by GROSS_MARGIN: delivering the product costs something."),
            Mistake("payback_years", _economics_annual_payback,
                    "your payback is in years: you divided the CAC by a year's gross profit. Divide by the monthly gross profit, ARPA / 12 x GROSS_MARGIN."),
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
                    "you credited each won deal's whole amount to its primary campaign (campaign_id on the deal). The question asks for the W-shaped credit of each touch's campaign."),
            Mistake("budget", lambda w: _dict(campaign_roi(w, column="budget")),
                    "you used the budget, which is what was planned. Use actual_cost, what was really spent."),
        ),
    ),
]
