"""The exercise table of module 08, the alignment capstone.

Each exercise's expected value, hint and known mistakes, computed on the world the
notebook loaded; what the lesson teaches is in ``formulas``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from crosstrain.notebook.answers.by_label import ByLabel, Parts
from crosstrain.notebook.answers.relabel import Relabel
from crosstrain.notebook.answers.scalars import Amount, Count, Share
from crosstrain.notebook.exercise import Exercise, Mistake
from crosstrain.notebook.exercises.alignment.formulas import (
    CATEGORY_COLUMNS,
    FAULTS,
    GAP_STAGES,
    MODULE,
    NO_GAP,
    PLAN_KEYS,
    SLA_HOURS,
    attempts_per_mql,
    canonical_values,
    channel_mapping,
    deals_of,
    duplicates_by_channel,
    fault_counts,
    largest_gap,
    last_quarter_vs_plan,
    misspelt_channels,
    normalise_email,
    observed_volumes,
    plan,
    plan_inputs,
    quarter_mqls,
    raw_variant,
    revenue_goal,
    reverse_funnel,
    scorecard,
)
from crosstrain.notebook.exercises.alignment.kinds import StageName
from crosstrain.notebook.exercises.funnel_handoff.formulas import (
    inbound,
    sla_compliance,
    stage_conversion,
    stage_counts,
)
from crosstrain.notebook.exercises.measuring.formulas import (
    last_complete_quarter,
    win_rate_by_count,
)

_Q3_SOLUTION = """steps, before = {}, 1.0
for stage, ratio in vs_plan.items():  # leads first, down to deals
    steps[stage] = ratio / before
    before = ratio
gap_stage = min(steps, key=steps.get) if min(vs_plan.values()) < 1 else 'none'"""


# -- known mistakes, as computations on the world --------------------------------------------

def _plan_with(world, inputs: dict | None = None, goal: float | None = None) -> dict[str, float]:
    return reverse_funnel(revenue_goal(world) if goal is None else goal, inputs or plan_inputs(world))


def _plan_multiplied(world) -> dict[str, float]:
    """Multiplying by each rate, as if walking the funnel forwards."""
    i = plan_inputs(world)
    deals = revenue_goal(world) / i["average_deal"]
    opportunities = deals * i["win_rate"]
    sqls = opportunities * i["sql_to_opportunity"]
    sals = sqls * i["sal_to_sql"]
    mqls = sals * i["mql_to_sal"]
    leads = mqls * i["lead_to_mql"]
    return {"deals": deals, "opportunities": opportunities, "sqls": sqls, "sals": sals, "mqls": mqls,
            "leads": leads, "budget": leads * i["cost_per_lead"]}


def _plan_win_rate_first(world) -> dict[str, float]:
    """goal / win rate taken as the number of deals (it is the pipeline value needed)."""
    right = plan(world)
    return {**right, "deals": revenue_goal(world) / plan_inputs(world)["win_rate"]}


def _plan_all_time_rates(world) -> dict[str, float]:
    leads = inbound(world.leads)
    rates = stage_conversion(stage_counts(leads, world.opportunities))
    deals = deals_of(leads, world.opportunities)
    inputs = {**plan_inputs(world), **{k: rates[k] for k in ("lead_to_mql", "mql_to_sal", "sal_to_sql", "sql_to_opportunity")},
              "win_rate": win_rate_by_count(deals)}
    return _plan_with(world, inputs)


def _plan_budget_per_mql(world) -> dict[str, float]:
    right = plan(world)
    return {**right, "budget": right["mqls"] * plan_inputs(world)["cost_per_lead"]}


def _gap_inverted(world) -> dict[str, float]:
    return {k: 1 / v if v else math.inf for k, v in last_quarter_vs_plan(world).items()}


def _gap_with_outbound(world) -> dict[str, float]:
    return last_quarter_vs_plan(world, leads_of=lambda leads: leads)


def _gap_current_quarter(world) -> dict[str, float]:
    return last_quarter_vs_plan(world, quarter=world.reference_date.to_period("Q"))


def _gap_absolute(world) -> str:
    quarter = last_complete_quarter(world.reference_date)
    observed, needed = observed_volumes(inbound(world.leads), world.opportunities, quarter), plan(world)
    return max(GAP_STAGES, key=lambda s: abs(needed[s] - observed[s]))


def _faults_on_clean(world) -> dict[str, int]:
    return fault_counts(world)


def _faults_by_lead_id(world) -> dict[str, int]:
    raw = raw_variant(world)
    return {**fault_counts(raw), "duplicate_leads": int(raw.leads.lead_id.duplicated().sum())}


def _faults_case_blind(world) -> dict[str, int]:
    """Misspellings judged after lower-casing: 'Content' passes for 'content'."""
    raw = raw_variant(world)
    canon = canonical_values(raw)
    misspelt = int(sum((~raw.leads[c].str.lower().isin({v.lower() for v in canon[c]})).sum() for c in CATEGORY_COLUMNS))
    return {**fault_counts(raw), "misspelt_values": misspelt}


def _normalised_only(world, how: Callable[[str], str]) -> dict[str, str]:
    return {s: how(s) for s in misspelt_channels(raw_variant(world))}


def _duplicates_with(world, mapping=None, normalise=normalise_email, keep="first") -> dict[str, int]:
    raw = raw_variant(world)
    counts = duplicates_by_channel(raw, channel_mapping(world) if mapping is None else mapping, normalise, keep)
    canon = canonical_values(raw)["source_channel"]
    return {k: v for k, v in counts.items() if k in canon}


def _scorecard_with(world, **changes) -> dict[str, float]:
    quarter = last_complete_quarter(world.reference_date)
    mqls = quarter_mqls(world.leads, quarter)
    right = scorecard(world)
    wrong = {
        "all_mqls": {"acceptance_rate": float(mqls.sal_at.notna().mean())},
        "touched_only": {"sla_4h": sla_compliance(mqls[mqls.first_response_at.notna()], SLA_HOURS),
                         "attempts_per_mql": attempts_per_mql(mqls[mqls.lead_id.isin(world.activities.lead_id)], world.activities)},
        "plan_over_actual": {"mql_vs_plan": plan(world)["mqls"] / len(mqls)},
    }
    return {**right, **wrong[changes["mistake"]]}


def _canonical_channels(world) -> set[str]:
    return canonical_values(world)["source_channel"]


def _rate_or_ratio(of: str) -> ByLabel:
    return ByLabel(lambda w: list(GAP_STAGES), of="stage", measure=of)


EXERCISES = [
    Exercise(
        MODULE, "q1", "plan_needs",
        "From next quarter's revenue goal, how many deals, opportunities, SQLs, SALs, MQLs and leads are needed, and what marketing budget?",
        ByLabel(lambda w: list(PLAN_KEYS), of="plan line", measure="planned number", rel_tolerance=1e-4,
                extra_hint=" The keys are deals, opportunities, sqls, sals, mqls, leads and budget."),
        compute=plan,
        hint_text=("Walk backwards and divide: deals = goal / average_deal; opportunities = deals / win_rate; "
                   "sqls = opportunities / sql_to_opportunity; sals = sqls / sal_to_sql; mqls = sals / mql_to_sal; "
                   "leads = mqls / lead_to_mql; budget = leads * cost_per_lead. Each rate leads INTO the stage you come from, "
                   "so dividing by it makes the number bigger. Do not round."),
        solution_text=("deals = goal / inputs['average_deal']\n"
                       "opportunities = deals / inputs['win_rate']\n"
                       "sqls = opportunities / inputs['sql_to_opportunity']\n"
                       "sals = sqls / inputs['sal_to_sql']\n"
                       "mqls = sals / inputs['mql_to_sal']\n"
                       "leads = mqls / inputs['lead_to_mql']\n"
                       "plan_needs = {'deals': deals, 'opportunities': opportunities, 'sqls': sqls, 'sals': sals,\n"
                       "              'mqls': mqls, 'leads': leads, 'budget': leads * inputs['cost_per_lead']}"),
        points=4,
        mistakes=(
            Mistake("multiplied", _plan_multiplied,
                    "you multiplied by the rates, which walks the funnel forwards and shrinks every stage. A plan walks backwards: to win 10 deals at a 20% win rate you need 10 / 0.2 = 50 opportunities, so divide by each rate.", core=True),
            Mistake("win_rate_first", _plan_win_rate_first,
                    "your number of deals is the goal divided by the win rate: that is the pipeline value the goal needs, in dollars, not a number of deals. Divide the goal by the average won deal first to count deals, then by the win rate to count opportunities."),
            Mistake("all_time_rates", _plan_all_time_rates,
                    "you took the rates from every inbound lead, recent ones included. Recent leads have not had time to convert, so their rates are too low: use the mature cohort's rates given in `inputs`."),
            Mistake("budget_per_mql", _plan_budget_per_mql,
                    "your budget multiplies the cost per LEAD by the MQLs. Marketing pays for every lead it brings in, most of which never become MQLs: budget = leads x cost per lead."),
        ),
    ),
    Exercise(
        MODULE, "q2", "vs_plan",
        "For each stage, what is last quarter's observed volume divided by the plan's need?",
        _rate_or_ratio("observed / needed ratio"),
        compute=last_quarter_vs_plan,
        hint_text=("Count what happened in the last complete quarter, among inbound leads: leads created_at, mql_at, sal_at and sql_at "
                   "in the quarter, their opportunities created in it, and their won deals with a close_date in it. "
                   "Divide each count by plan_needs for the same stage (observed / needed)."),
        solution_text=("quarter = world.reference_date.to_period('Q') - 1\n"
                       "leads = world.leads[world.leads.source_channel != 'outbound']\n"
                       "deals = world.opportunities[world.opportunities.opportunity_id.isin(leads.opportunity_id.dropna())]\n"
                       "in_q = lambda stamps: (stamps.dt.to_period('Q') == quarter).sum()\n"
                       "observed = {'leads': in_q(leads.created_at), 'mqls': in_q(leads.mql_at), 'sals': in_q(leads.sal_at),\n"
                       "            'sqls': in_q(leads.sql_at), 'opportunities': in_q(deals.created_at),\n"
                       "            'deals': in_q(deals.close_date[deals.is_won])}\n"
                       "vs_plan = {stage: observed[stage] / plan_needs[stage] for stage in observed}"),
        points=3,
        mistakes=(
            Mistake("inverted", _gap_inverted,
                    "you divided the plan by the observed volume. The question asks observed / needed, so 1 means on plan and 0.8 means 20% short."),
            Mistake("with_outbound", _gap_with_outbound,
                    "you counted outbound leads and their deals too. The plan is built on inbound rates (outbound leads never become MQLs): compare inbound volumes with it.", core=True),
            Mistake("current_quarter", _gap_current_quarter,
                    "you counted the quarter the reference date falls in, which is not over yet. Use the last complete quarter: reference_date.to_period('Q') - 1."),
        ),
    ),
    Exercise(
        MODULE, "q3", "gap_stage",
        "Where does the fix belong: the stage where the observed / needed ratio drops most from the stage above it ('none' if no stage is below plan)?",
        StageName(of="stage", choices=lambda w: [*GAP_STAGES, NO_GAP]),
        compute=lambda w: largest_gap(last_quarter_vs_plan(w)),
        hint_text=("If no ratio of vs_plan is below 1, nothing is below plan: answer 'none'. Otherwise divide each stage's ratio by "
                   "the ratio of the stage above it (leads by 1, the plan itself), in vs_plan's order from leads to deals: the "
                   "stage with the smallest quotient is where the plan's rate held least. Not simply the smallest ratio: a stage "
                   "inherits every shortfall above it."),
        solution_text=_Q3_SOLUTION,
        points=1,
        mistakes=(
            Mistake("absolute_gap", _gap_absolute,
                    "you compared raw differences (needed - observed). Stages differ a hundredfold in size, so the top of the funnel always wins that contest: compare ratios.", core=True),
            Mistake("largest_ratio", lambda w: max(GAP_STAGES, key=lambda s: last_quarter_vs_plan(w)[s]),
                    "that is the stage furthest ABOVE plan (the largest ratio). The fix belongs where the ratio drops: the stage whose ratio, over the ratio of the stage above it, is smallest."),
        ),
    ),
    Exercise(
        MODULE, "q4", "fault_counts",
        "How many of each fault does the raw CRM hold?",
        Parts(tuple((fault, Count(of=fault.replace("_", " "))) for fault in FAULTS)),
        compute=lambda w: fault_counts(raw_variant(w)),
        hint_text=("Work on `raw`, not `world`. duplicate_leads: rows whose email.str.strip().str.lower() was seen before (.duplicated().sum()). "
                   "misspelt_values: in source_channel, industry and country, the cells not in the canonical lists (campaign channels plus "
                   "'outbound'; the accounts' industries and countries). open_deals_past_close: not is_closed and close_date < reference_date. "
                   "probability_mismatch: probability != stage.map(DEAL_STAGES). closed_before_created: is_closed and close_date < created_at."),
        solution_text=("leads, deals = raw.leads, raw.opportunities\n"
                       "canon = {'source_channel': set(raw.campaigns.channel) | {'outbound'},\n"
                       "         'industry': set(raw.accounts.industry), 'country': set(raw.accounts.country)}\n"
                       "fault_counts = {\n"
                       "    'duplicate_leads': int(leads.email.str.strip().str.lower().duplicated().sum()),\n"
                       "    'misspelt_values': int(sum((~leads[c].isin(canon[c])).sum() for c in canon)),\n"
                       "    'open_deals_past_close': int((~deals.is_closed & (deals.close_date < raw.reference_date)).sum()),\n"
                       "    'probability_mismatch': int((deals.probability != deals.stage.map(DEAL_STAGES)).sum()),\n"
                       "    'closed_before_created': int((deals.is_closed & (deals.close_date < deals.created_at)).sum()),\n"
                       "}"),
        points=5,
        mistakes=(
            Mistake("clean_world", _faults_on_clean,
                    "you counted on `world`, the clean CRM, where every integrity rule holds. The faults live in the raw variant: use `raw`."),
            Mistake("lead_id", _faults_by_lead_id,
                    "you looked for duplicates by lead_id. A person entered twice gets two ids: the same person is the same e-mail once spaces and capitals are removed (str.strip().str.lower()).", core=True),
            Mistake("case_blind", _faults_case_blind,
                    "you lower-cased before comparing, so 'Content' passed for 'content'. A report grouping by the column still splits them: any value not exactly canonical is a fault."),
        ),
    ),
    Exercise(
        MODULE, "q5", "channel_map",
        "Map every misspelt source_channel value of the raw CRM to its canonical channel.",
        Relabel(keys_of=lambda w: misspelt_channels(raw_variant(w)), choices_of=_canonical_channels),
        compute=channel_mapping,
        hint_text=("The canonical channels are set(raw.campaigns.channel) | {'outbound'}. For each other spelling, normalise it "
                   "(strip, lower, spaces and hyphens to '_') and, if that is still not canonical, take the closest canonical name: "
                   "difflib.get_close_matches(name, canonical, n=1)."),
        solution_text=("import difflib\n"
                       "canonical = sorted(set(raw.campaigns.channel) | {'outbound'})\n"
                       "def fix(value):\n"
                       "    name = value.strip().lower().replace(' ', '_').replace('-', '_')\n"
                       "    return name if name in canonical else difflib.get_close_matches(name, canonical, n=1)[0]\n"
                       "channel_map = {v: fix(v) for v in raw.leads.source_channel.unique() if v not in canonical}"),
        points=3,
        mistakes=(
            Mistake("case_sensitive", lambda w: _normalised_only(w, lambda s: s.strip().replace(" ", "_").replace("-", "_")),
                    "your cleaning keeps capitals, so 'Paid Search' becomes 'Paid_Search', still not a channel. Lower-case first, then fix what is left."),
            Mistake("lowercase_only", lambda w: _normalised_only(w, lambda s: s.strip().lower()),
                    "lower-casing alone leaves 'paid search', 'paid-social' and typos such as 'webinr'. Replace spaces and hyphens with '_' and match what is left to the closest canonical name.", core=True),
        ),
    ),
    Exercise(
        MODULE, "q6", "duplicates_per_channel",
        "After mapping channels, how many duplicate lead rows (a person's records after their earliest) does each canonical channel hold?",
        ByLabel(lambda w: sorted(_duplicates_with(w)), of="channel", measure="number of duplicate rows",
                extra_hint=" Map the misspelt channels first (q5), so every row lands on a canonical channel."),
        compute=_duplicates_with,
        hint_text=("Sort raw.leads by created_at; a row is a duplicate when its normalised e-mail (str.strip().str.lower()) "
                   "is .duplicated(), i.e. appeared on an earlier row. Map source_channel of those rows with .replace(channel_map) "
                   "and count with value_counts()."),
        solution_text=("ordered = raw.leads.sort_values('created_at')\n"
                       "again = ordered[ordered.email.str.strip().str.lower().duplicated()]\n"
                       "duplicates_per_channel = again.source_channel.replace(channel_map).value_counts()"),
        points=3,
        mistakes=(
            Mistake("dedupe_case_sensitive", lambda w: _duplicates_with(w, normalise=lambda s: s.str.strip()),
                    "you compared e-mails case-sensitively, so 'ANA@X.EXAMPLE' and 'ana@x.example' look like two people and "
                    "half the duplicates are missed. Normalise the e-mail fully: strip the spaces and lower-case it.", core=True),
            Mistake("spaces_kept", lambda w: _duplicates_with(w, normalise=lambda s: s.str.lower()),
                    "you lower-cased the e-mails but kept the spaces around them, so ' ana@x.example' looks like a new person and "
                    "half the duplicates are missed. Strip them too."),
            Mistake("every_record", lambda w: _duplicates_with(w, keep=False),
                    "you counted every record of a person entered more than once, their first one too. The first record is the "
                    "person; only the later ones are duplicates (.duplicated() keeps the first by default)."),
            Mistake("unmapped", lambda w: _duplicates_with(w, mapping={}),
                    "you counted before mapping the misspelt channels, so rows typed 'Paid Search' or 'webinr' are missing from "
                    "their channel. Apply channel_map first."),
        ),
    ),
    Exercise(
        MODULE, "q7", "sla_scorecard",
        "Last quarter's SLA scorecard: MQLs vs plan and acceptance rate (marketing), 4-hour touch rate and attempts per MQL (sales).",
        Parts((("mql_vs_plan", Amount(of="a ratio of MQLs to plan")), ("acceptance_rate", Share(of="the MQLs sales decided on")),
               ("sla_4h", Share(of="the quarter's MQLs")), ("attempts_per_mql", Amount(of="attempts per MQL")))),
        compute=scorecard,
        hint_text=("Take the MQLs with mql_at in the last complete quarter (clean world). mql_vs_plan = their number / plan_needs['mqls']. "
                   "acceptance_rate = accepted (sal_at not empty) / (accepted + status == 'rejected'). sla_4h = share with "
                   "first_response_at - mql_at <= 4 hours, never answered counting as a miss. attempts_per_mql = activities whose "
                   "lead_id is one of them / the number of MQLs."),
        solution_text=("quarter = world.reference_date.to_period('Q') - 1\n"
                       "mqls = world.leads[world.leads.mql_at.dt.to_period('Q') == quarter]\n"
                       "accepted, rejected = mqls.sal_at.notna().sum(), (mqls.status == 'rejected').sum()\n"
                       "sla_scorecard = {\n"
                       "    'mql_vs_plan': len(mqls) / plan_needs['mqls'],\n"
                       "    'acceptance_rate': accepted / (accepted + rejected),\n"
                       "    'sla_4h': ((mqls.first_response_at - mqls.mql_at) <= pd.Timedelta(hours=4)).mean(),\n"
                       "    'attempts_per_mql': world.activities.lead_id.isin(mqls.lead_id).sum() / len(mqls),\n"
                       "}"),
        points=4,
        mistakes=(
            Mistake("all_mqls", lambda w: _scorecard_with(w, mistake="all_mqls"),
                    "your acceptance rate divides by every MQL, including those nobody answered. Sales never decided on those: they are a breach of the response SLA (sales' side), not a rejection of marketing's leads."),
            Mistake("touched_only", lambda w: _scorecard_with(w, mistake="touched_only"),
                    "you left out the MQLs nobody touched. They are the SLA's worst misses: keep them, as misses for the 4-hour rate and as 0 attempts.", core=True),
            Mistake("plan_over_actual", lambda w: _scorecard_with(w, mistake="plan_over_actual"),
                    "your MQL-vs-plan ratio is the plan divided by the actual. Divide the quarter's MQLs by the plan's MQLs: above 1 means marketing beat the plan."),
        ),
    ),
]
