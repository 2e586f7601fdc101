# mistake: ARR now of every subscription, customers won during the window included
# core: yes
events = world.subscription_events.sort_values(["occurred_at", "event_id"])
then = events[events.occurred_at <= start_day].groupby("subscription_id").arr_after.last()
then = then[then > 0]
now = events.groupby("subscription_id").arr_after.last()
segment = world.subscriptions.set_index("subscription_id").segment
nrr_by_segment = now.groupby(segment.reindex(now.index)).sum() / then.groupby(segment.reindex(then.index)).sum()
