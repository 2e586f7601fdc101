# mistake: rolled up the open deals of every quarter instead of those closing this quarter
by_category = open_deals.groupby("forecast_category").amount.sum()
commit = booked + by_category.get("commit", 0)
forecast = {"commit": commit, "best_case": commit + by_category.get("best_case", 0)}
