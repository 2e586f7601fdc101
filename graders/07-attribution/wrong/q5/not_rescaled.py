# mistake: multiplied the amount by the raw weights, which do not sum to 1 per deal
days = (path.close_date - path.occurred_at) / pd.Timedelta(days=1)
weight = 2 ** (-days / HALF_LIFE_DAYS)
time_decay = (weight * path.amount).groupby(path.channel).sum()
