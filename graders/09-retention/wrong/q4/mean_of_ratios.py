# mistake: averaged each customer's own ratio instead of dividing the cohort's sums
subs = world.subscriptions
cohort_nrr = (subs.arr / subs.arr_start).groupby(subs.start_date.dt.to_period("Q").astype(str)).mean()
