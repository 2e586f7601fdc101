# mistake: took the won deals created in the quarter instead of those that closed in it
quarter = world.reference_date.to_period("Q") - 1
aes = world.users[world.users.role == "ae"].set_index("user_id")
wins = deals[deals.is_won]
booked = wins[wins.created_at.dt.to_period("Q") == quarter].groupby("owner_id").amount.sum()
attainment = booked.reindex(aes.index, fill_value=0) / aes.quarterly_quota
