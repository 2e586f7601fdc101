# mistake: divided by the deals' original amounts (arr_start), not the ARR when the window opened
events = world.subscription_events.sort_values(["occurred_at", "event_id"])
then = events[events.occurred_at <= start_day].groupby("subscription_id").arr_after.last()
then = then[then > 0]
now = events.groupby("subscription_id").arr_after.last().reindex(then.index)
subs = world.subscriptions.set_index("subscription_id").reindex(then.index)
nrr_by_segment = now.groupby(subs.segment).sum() / subs.arr_start.groupby(subs.segment).sum()
