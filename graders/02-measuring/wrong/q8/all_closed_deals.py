# mistake: counted every deal closed in the quarter (lost ones too) as bookings, instead of wins only
# core: yes
quarter = world.reference_date.to_period("Q") - 1
aes = world.users[world.users.role == "ae"].set_index("user_id")
done = deals[deals.is_closed]
booked = done[done.close_date.dt.to_period("Q") == quarter].groupby("owner_id").amount.sum()
attainment = booked.reindex(aes.index, fill_value=0) / aes.quarterly_quota
