"""The exercise table of module 09, after the close: retention, expansion and messaging.

Each exercise's expected value, hint and known mistakes, computed on the world the
notebook loaded; what the lesson teaches is in ``formulas``.
"""

from __future__ import annotations

from crosstrain.notebook.answers.by_label import ByLabel
from crosstrain.notebook.exercise import Exercise, Mistake
from crosstrain.notebook.exercises.retention.formulas import (
    HANDOFF_FLAGS,
    MODULE,
    SEGMENTS,
    amount_by_segment,
    arr_at,
    by_segment,
    churn_by_signal,
    closed_in_window,
    cohort_nrr,
    expansion_deals,
    grr_by_segment,
    handoff_gaps,
    lost_new_business,
    nrr_by_segment,
    objections_of,
    renewal_due,
    retention_table,
    signal_masks,
    start_quarter,
    with_deal,
    won_expansion,
)
from crosstrain.notebook.exercises.retention.kinds import GroupRates
from crosstrain.world.schema import new_business

# -- known mistakes, as computations on the world --------------------------------------------


def _handoff_all_deals(world) -> dict[str, float]:
    """Over every new-business deal, lost and open ones too."""
    return handoff_gaps(new_business(world.opportunities))


def _handoff_has(world) -> dict[str, float]:
    return {k: 1 - v for k, v in handoff_gaps(with_deal(world)).items()}


def _nrr_with_new(world) -> dict[str, float]:
    """ARR now of every subscription (new customers too) over the opening cohort's ARR then."""
    table = retention_table(world)
    now = arr_at(world.subscription_events, world.reference_date)
    segment = world.subscriptions.set_index("subscription_id").segment.reindex(now.index)
    then = table.groupby("segment").then.sum()
    ended = now.groupby(segment).sum()
    return {s: float(ended[s] / then[s]) for s in SEGMENTS if s in then.index}


def _nrr_from_deal_amount(world) -> dict[str, float]:
    """The opening cohort's ARR now over its deals' amounts (arr_start), not its ARR a year ago."""
    table = retention_table(world)
    start = world.subscriptions.set_index("subscription_id").arr_start.reindex(table.index)
    return by_segment(table.assign(deal=start), denominator="deal")


def _nrr_mean_of_ratios(world) -> dict[str, float]:
    table = retention_table(world)
    ratios = (table.now / table.then).groupby(table.segment).mean()
    return {s: float(ratios[s]) for s in SEGMENTS if s in ratios.index}


def _grr_churn_only(world) -> dict[str, float]:
    """Only churned subscriptions lose; contraction ignored."""
    table = retention_table(world)
    return by_segment(table.assign(kept=table.then.where(table.now > 0, 0.0)), numerator="kept")


def _grr_survivors(world) -> dict[str, float]:
    table = retention_table(world, cap=True)
    return by_segment(table[table.now > 0])


def _cohort_active_only(world) -> dict[str, float]:
    subs = world.subscriptions
    active = subs[subs.status == "active"]
    right = cohort_nrr(subs)
    return {**{y: 0.0 for y in right}, **cohort_nrr(active)}


def _cohort_logos(world) -> dict[str, float]:
    subs = world.subscriptions
    kept = (subs.status == "active").groupby(start_quarter(subs)).mean()
    return {str(y): float(v) for y, v in kept.items()}


def _cohort_mean_of_ratios(world) -> dict[str, float]:
    subs = world.subscriptions
    ratios = (subs.arr / subs.arr_start).groupby(start_quarter(subs)).mean()
    return {str(y): float(v) for y, v in ratios.items()}


def _churn_all_subscriptions(world) -> dict[str, float]:
    return _filled(churn_by_signal(with_deal(world)))


def _churn_signal_given_churn(world) -> dict[str, float]:
    """P(signal | churned) instead of P(churned | signal)."""
    subs = renewal_due(world)
    churned = subs[subs.status == "churned"]
    return {name: float(mask.mean()) for name, mask in signal_masks(churned).items()}


def _expansion_all_types(world) -> dict[str, float]:
    deals = closed_in_window(world)
    return amount_by_segment(deals[deals.is_won.astype(bool)])


def _expansion_with_lost(world) -> dict[str, float]:
    return amount_by_segment(closed_in_window(world, expansion_deals(world.opportunities)))


def _expansion_all_time(world) -> dict[str, float]:
    deals = expansion_deals(world.opportunities)
    return amount_by_segment(deals[deals.is_won.astype(bool)])


def _objections_notes(world) -> dict[str, int]:
    return objections_of(world.call_notes, lost_new_business(world.opportunities), once_a_deal=False)


def _objections_all_closed(world) -> dict[str, int]:
    deals = world.opportunities
    return objections_of(world.call_notes, deals[deals.is_closed.astype(bool) & (deals.type == "new_business")])


def _filled(rates: dict[str, float]) -> dict[str, float]:
    """The groups that hold customers (an empty group's rate is NaN: it has none)."""
    return {k: v for k, v in rates.items() if v == v}


def _filled_signals(world) -> list[str]:
    return list(_filled(churn_by_signal(renewal_due(world))))


def _segments(world) -> list[str]:
    return list(SEGMENTS)


def _opening_segments(world) -> list[str]:
    return sorted(nrr_by_segment(world), key=SEGMENTS.index)


def _cohorts(world) -> list[str]:
    return sorted(start_quarter(world.subscriptions).unique())


EXERCISES = [
    Exercise(
        MODULE, "q1", "handoff_gaps",
        "What share of new customers were sold without each item the customer-success handoff needs?",
        ByLabel(lambda w: list(HANDOFF_FLAGS), of="handoff item", measure="share of customers", share=True),
        compute=lambda w: handoff_gaps(with_deal(w)),
        hint_text=("Join world.subscriptions to world.opportunities on opportunity_id (each subscription's won deal). "
                   "For each item, the share of those rows whose flag is False: economic_buyer is has_economic_buyer, "
                   "champion has_champion, metrics has_metrics, identified_pain has_identified_pain."),
        solution_text=("sold = world.subscriptions.merge(world.opportunities, on='opportunity_id')\n"
                       "handoff_gaps = {item: (~sold[flag]).mean() for item, flag in\n"
                       "                {'economic_buyer': 'has_economic_buyer', 'champion': 'has_champion',\n"
                       "                 'metrics': 'has_metrics', 'identified_pain': 'has_identified_pain'}.items()}"),
        points=2,
        mistakes=(
            Mistake("all_deals", _handoff_all_deals,
                    "you measured every new-business deal, lost and open ones too. The handoff is about customers: "
                    "only the won deals behind world.subscriptions.", core=True),
            Mistake("has_flag", _handoff_has,
                    "you gave the share of customers WITH each item. The question asks how many were sold without it: "
                    "those are the accounts customer success starts blind on."),
        ),
    ),
    Exercise(
        MODULE, "q2", "nrr_by_segment",
        "Net revenue retention over the last 12 months, per segment.",
        ByLabel(_opening_segments, of="segment", measure="net revenue retention", rel_tolerance=1e-4),
        compute=nrr_by_segment,
        hint_text=("Take the subscriptions that were customers when the window opened (ARR above 0 on start_day, a year before the reference date): "
                   "ARR then and now are each subscription's last event's arr_after on or before that date. "
                   "NRR = sum(ARR now) / sum(ARR then) per segment; churned ones count at 0; customers won later are left out."),
        solution_text=("start = world.reference_date - pd.DateOffset(years=1)\n"
                       "ev = world.subscription_events.sort_values(['occurred_at', 'event_id'])\n"
                       "then = ev[ev.occurred_at <= start].groupby('subscription_id').arr_after.last()\n"
                       "then = then[then > 0]\n"
                       "now = ev.groupby('subscription_id').arr_after.last().reindex(then.index)\n"
                       "segment = world.subscriptions.set_index('subscription_id').segment.reindex(then.index)\n"
                       "nrr_by_segment = now.groupby(segment).sum() / then.groupby(segment).sum()"),
        points=3,
        mistakes=(
            Mistake("with_new_customers", _nrr_with_new,
                    "your ARR now includes customers won during the window. Retention follows the customers you had when "
                    "the window opened; new customers are growth from sales, not retention.", core=True),
            Mistake("deal_amount", _nrr_from_deal_amount,
                    "you divided by the deals' original amounts (arr_start). The base is each customer's ARR when the "
                    "window opened, a year ago: earlier expansions and contractions are already in it."),
            Mistake("mean_of_ratios", _nrr_mean_of_ratios,
                    "you averaged each customer's own ratio, so a $5k customer weighs as much as a $200k one. "
                    "Revenue retention is a ratio of sums: total ARR now / total ARR then."),
        ),
    ),
    Exercise(
        MODULE, "q3", "grr_by_segment",
        "Gross revenue retention over the last 12 months, per segment.",
        ByLabel(_opening_segments, of="segment", measure="gross revenue retention", share=True, rel_tolerance=1e-4),
        compute=grr_by_segment,
        hint_text=("The same customers and ARR as q2, but each customer's ARR now is capped at its ARR then "
                   "(now.clip(upper=then)): gross retention counts churn and contraction and never expansion, so it is at most 1."),
        solution_text="grr_by_segment = now.clip(upper=then).groupby(segment).sum() / then.groupby(segment).sum()",
        points=3,
        mistakes=(
            Mistake("expansion_counted", nrr_by_segment,
                    "that is net retention: expansion is in it. Gross retention only loses: cap each customer at its ARR "
                    "when the window opened, so no upsell can hide a churned account.", core=True),
            Mistake("churn_only", _grr_churn_only,
                    "you counted only the customers who left. Customers who renewed smaller (contraction) lost revenue "
                    "too: cap each customer's ARR now at its ARR then instead."),
            Mistake("survivors", _grr_survivors,
                    "you left out the customers who churned. They are the losses gross retention exists to show: keep "
                    "them, at 0 ARR."),
        ),
    ),
    Exercise(
        MODULE, "q4", "cohort_nrr",
        "For each start-quarter cohort, what share of its starting ARR is still under contract now (expansion included)?",
        ByLabel(_cohorts, of="start quarter", measure="ARR now / ARR at the start", rel_tolerance=1e-4,
                extra_hint=" Label each cohort by its start quarter as text, e.g. '2025Q3'."),
        compute=lambda w: cohort_nrr(w.subscriptions),
        hint_text=("Group world.subscriptions by start_date.dt.to_period('Q') (as text) and divide the sum of arr (0 for churned) "
                   "by the sum of arr_start, churned subscriptions included."),
        solution_text=("subs = world.subscriptions\n"
                       "sums = subs.groupby(subs.start_date.dt.to_period('Q').astype(str))[['arr', 'arr_start']].sum()\n"
                       "cohort_nrr = sums.arr / sums.arr_start"),
        points=3,
        mistakes=(
            Mistake("active_only", _cohort_active_only,
                    "you kept only active subscriptions, so every churned customer vanished from its cohort and the "
                    "older cohorts look healthier than they are (survivorship). Keep them, at 0 ARR.", core=True),
            Mistake("logos", _cohort_logos,
                    "that is logo retention (the share of customers still active). The question asks about revenue: "
                    "sum of arr / sum of arr_start."),
            Mistake("mean_of_ratios", _cohort_mean_of_ratios,
                    "you averaged each customer's own ratio. A cohort's retention is a ratio of sums, so big customers "
                    "weigh what they are worth."),
        ),
    ),
    Exercise(
        MODULE, "q5", "churn_by_signal",
        "Among customers whose first renewal has come, what share churned with each sale-time signal, and with none?",
        GroupRates(_filled_signals, of="signal", measure="churn rate", share=True),
        compute=lambda w: _filled(churn_by_signal(renewal_due(w))),
        hint_text=("Join subscriptions to their deals, keep those whose start_date + term_months (pd.DateOffset(months=...)) "
                   "is on or before world.reference_date, then per signal take the share with status 'churned': "
                   "discount_heavy is discount_pct >= 20, no_economic_buyer and no_champion the flags False, none is none of the three."),
        solution_text=("subs = world.subscriptions.merge(world.opportunities.drop(columns=['account_id', 'segment']), on='opportunity_id')\n"
                       "due = subs[[s + pd.DateOffset(months=m) <= world.reference_date for s, m in zip(subs.start_date, subs.term_months)]]\n"
                       "heavy, no_eb, no_ch = due.discount_pct >= 20, ~due.has_economic_buyer, ~due.has_champion\n"
                       "churned = due.status == 'churned'\n"
                       "churn_by_signal = {'discount_heavy': churned[heavy].mean(), 'no_economic_buyer': churned[no_eb].mean(),\n"
                       "                   'no_champion': churned[no_ch].mean(), 'none': churned[~(heavy | no_eb | no_ch)].mean()}"),
        points=3,
        mistakes=(
            Mistake("not_yet_due", _churn_all_subscriptions,
                    "you included customers whose first renewal has not come yet. They have had no chance to churn, so "
                    "they dilute every rate: keep those whose start_date + term_months is on or before the reference date.", core=True),
            Mistake("signal_given_churn", _churn_signal_given_churn,
                    "you took, among churned customers, the share with each signal. The question is the other way round: "
                    "among customers with the signal, the share who churned."),
        ),
    ),
    Exercise(
        MODULE, "q6", "expansion_won",
        "How much expansion did we win in the last 12 months, per segment?",
        ByLabel(_segments, of="segment", measure="won expansion amount"),
        compute=won_expansion,
        hint_text=("Expansion deals are the opportunities with type 'expansion'. Keep the won ones (is_won) whose close_date is "
                   "after start_day and on or before world.reference_date, and sum their amount per segment (0 for a segment with none)."),
        solution_text=("deals = world.opportunities\n"
                       "won = deals[(deals.type == 'expansion') & deals.is_won & (deals.close_date > start_day)\n"
                       "            & (deals.close_date <= world.reference_date)]\n"
                       "expansion_won = won.groupby('segment').amount.sum().reindex(['smb', 'mid_market', 'enterprise'], fill_value=0)"),
        points=2,
        mistakes=(
            Mistake("all_types", _expansion_all_types,
                    "you summed every deal won in the window, new business included. Expansion is the deals on existing "
                    "customers: type == 'expansion'.", core=True),
            Mistake("lost_included", _expansion_with_lost,
                    "you added the expansion deals we lost. Only won ones added ARR: keep is_won."),
            Mistake("all_time", _expansion_all_time,
                    "you summed every won expansion since the first customer. The question is about the last 12 months: "
                    "close_date after start_day."),
        ),
    ),
    Exercise(
        MODULE, "q7", "lost_objections",
        "For the message map: on how many lost new-business deals was each objection category raised?",
        ByLabel(lambda w: sorted(objections_of(w.call_notes, lost_new_business(w.opportunities))), of="objection category", measure="number of lost deals"),
        compute=lambda w: objections_of(w.call_notes, lost_new_business(w.opportunities)),
        hint_text=("Lost deals: type 'new_business', is_closed and not is_won. Take their call_notes with an "
                   "objection_category, drop repeats of the same (opportunity_id, objection_category), and count per category."),
        solution_text=("deals = world.opportunities\n"
                       "lost = deals[(deals.type == 'new_business') & deals.is_closed & ~deals.is_won]\n"
                       "raised = world.call_notes[world.call_notes.opportunity_id.isin(lost.opportunity_id)].dropna(subset=['objection_category'])\n"
                       "lost_objections = raised.drop_duplicates(['opportunity_id', 'objection_category']).objection_category.value_counts()"),
        points=2,
        mistakes=(
            Mistake("notes_counted", _objections_notes,
                    "you counted notes, so a deal where the buyer raised price three times counts three times. The map "
                    "needs how many deals each objection touched: one per deal and category.", core=True),
            Mistake("won_included", _objections_all_closed,
                    "you counted won deals too. The message map starts from what lost us deals: closed and not won."),
        ),
    ),
]
