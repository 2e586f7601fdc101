# mistake: used the quarter the reference date falls in, which has not happened yet, not the last complete one
quarter = world.reference_date.to_period("Q")
aes = world.users[world.users.role == "ae"].set_index("user_id")
wins = deals[deals.is_won]
booked = wins[wins.close_date.dt.to_period("Q") == quarter].groupby("owner_id").amount.sum()
attainment = booked.reindex(aes.index, fill_value=0) / aes.quarterly_quota
