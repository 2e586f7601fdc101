# mistake: rolled up expansion deals too (every row of world.opportunities), though the forecast is called against the AEs' new-business quota
every = world.opportunities
every_wins = every[every.is_won]
booked_every = every_wins[(every_wins.close_date >= quarter_start) & (every_wins.close_date <= today)].amount.sum()
every_open = every[~every.is_closed]
closing = every_open[(every_open.close_date >= today) & (every_open.close_date <= quarter_end)]
by_category = closing.groupby("forecast_category").amount.sum()
commit = booked_every + by_category.get("commit", 0)
forecast = {"commit": commit, "best_case": commit + by_category.get("best_case", 0)}
