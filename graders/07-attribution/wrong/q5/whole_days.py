# mistake: measured the days before the close in whole days (.dt.days) instead of decimal days
days = (path.close_date - path.occurred_at).dt.days
weight = 2 ** (-days / HALF_LIFE_DAYS)
share = weight / weight.groupby(path.opportunity_id).transform("sum")
time_decay = (share * path.amount).groupby(path.channel).sum()
