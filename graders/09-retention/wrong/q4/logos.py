# mistake: logo retention (share of customers still active) instead of revenue
subs = world.subscriptions
cohort_nrr = (subs.status == "active").groupby(subs.start_date.dt.to_period("Q").astype(str)).mean()
