# mistake: counted every deal closed in the quarter (lost ones too) as bookings, instead of wins only
# core: yes
quarter = world.reference_date.to_period("Q") - 1
quota = world.quotas[world.quotas.quarter == str(quarter)].set_index("user_id").quota
done = deals[deals.is_closed]
booked = done[done.close_date.dt.to_period("Q") == quarter].groupby("owner_id").amount.sum()
attainment = booked.reindex(quota.index, fill_value=0) / quota
