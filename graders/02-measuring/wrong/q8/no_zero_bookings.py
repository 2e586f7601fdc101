# mistake: left out the AEs who booked nothing in the quarter (their attainment is 0)
quarter = world.reference_date.to_period("Q") - 1
quota = world.quotas[world.quotas.quarter == str(quarter)].set_index("user_id").quota
wins = deals[deals.is_won]
booked = wins[wins.close_date.dt.to_period("Q") == quarter].groupby("owner_id").amount.sum()
booked = booked[booked.index.isin(quota.index)]  # AEs only: CSMs book the expansions
attainment = booked / quota[booked.index]
