# mistake: rolled up only the open deals, leaving out what is already won this quarter
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
by_category = closing.groupby("forecast_category").amount.sum()
commit = by_category.get("commit", 0)
forecast = {"commit": commit, "best_case": commit + by_category.get("best_case", 0)}
