# mistake: decayed by the days after the first touch instead of the days before the conversion
# core: yes
days = (path.occurred_at - path.groupby("opportunity_id").occurred_at.transform("min")) / pd.Timedelta(days=1)
weight = 2 ** (-days / HALF_LIFE_DAYS)
share = weight / weight.groupby(path.opportunity_id).transform("sum")
time_decay = (share * path.amount).groupby(path.channel).sum()
