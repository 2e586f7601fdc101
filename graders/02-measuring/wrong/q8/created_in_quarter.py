# mistake: took the won deals created in the quarter instead of those that closed in it
quarter = world.reference_date.to_period("Q") - 1
quota = world.quotas[world.quotas.quarter == str(quarter)].set_index("user_id").quota
wins = deals[deals.is_won]
booked = wins[wins.created_at.dt.to_period("Q") == quarter].groupby("owner_id").amount.sum()
attainment = booked.reindex(quota.index, fill_value=0) / quota
