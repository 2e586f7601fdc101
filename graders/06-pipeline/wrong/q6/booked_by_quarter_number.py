# mistake: counted the closed won so far by the quarter number without the year, so the same quarter of earlier years counts too
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
by_category = closing.groupby("forecast_category").amount.sum()
won_so_far = wins[wins.close_date.dt.quarter == today.quarter].amount.sum()
commit = won_so_far + by_category.get("commit", 0)
forecast = {"commit": commit, "best_case": commit + by_category.get("best_case", 0)}
