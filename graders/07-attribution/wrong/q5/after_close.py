# mistake: kept the touches after the close (negative days before, so the largest weights)
wins = deals[deals.is_won][["opportunity_id", "lead_id", "amount", "close_date"]]
every = touches.merge(wins, on="lead_id")
days = (every.close_date - every.occurred_at) / pd.Timedelta(days=1)
weight = 2 ** (-days / HALF_LIFE_DAYS)
share = weight / weight.groupby(every.opportunity_id).transform("sum")
time_decay = (share * every.amount).groupby(every.channel).sum()
