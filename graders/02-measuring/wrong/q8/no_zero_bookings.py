# mistake: left out the AEs who booked nothing in the quarter (their attainment is 0)
quarter = world.reference_date.to_period("Q") - 1
aes = world.users[world.users.role == "ae"].set_index("user_id")
wins = deals[deals.is_won]
booked = wins[wins.close_date.dt.to_period("Q") == quarter].groupby("owner_id").amount.sum()
attainment = booked / aes.quarterly_quota[booked.index]
