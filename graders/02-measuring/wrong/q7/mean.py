# mistake: the mean cycle length instead of the median
# core: yes
ent_wins = deals[(deals.segment == "enterprise") & deals.is_won]
enterprise_cycle = ((ent_wins.close_date - ent_wins.created_at) / pd.Timedelta(days=1)).mean()
