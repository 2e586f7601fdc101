# mistake: used the quarter the reference date falls in, which is not over yet, not the last complete one
quarter = world.reference_date.to_period("Q")
quota = world.quotas[world.quotas.quarter == str(quarter)].set_index("user_id").quota
wins = deals[deals.is_won]
booked = wins[wins.close_date.dt.to_period("Q") == quarter].groupby("owner_id").amount.sum()
attainment = booked.reindex(quota.index, fill_value=0) / quota
