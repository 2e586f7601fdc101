# mistake: kept only active subscriptions (survivorship: churned customers vanish from their cohort)
# core: yes
subs = world.subscriptions[world.subscriptions.status == "active"]
sums = subs.groupby(subs.start_date.dt.to_period("Q").astype(str))[["arr", "arr_start"]].sum()
cohort_nrr = sums.arr / sums.arr_start
