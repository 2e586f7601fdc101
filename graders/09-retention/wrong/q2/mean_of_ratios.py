# mistake: averaged each customer's own ratio instead of dividing the sums
events = world.subscription_events.sort_values(["occurred_at", "event_id"])
then = events[events.occurred_at <= start_day].groupby("subscription_id").arr_after.last()
then = then[then > 0]
now = events.groupby("subscription_id").arr_after.last().reindex(then.index)
segment = world.subscriptions.set_index("subscription_id").segment.reindex(then.index)
nrr_by_segment = (now / then).groupby(segment).mean()
