# mistake: best case as the best-case deals alone, not stacked on top of commit
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
by_category = closing.groupby("forecast_category").amount.sum()
commit = booked + by_category.get("commit", 0)
forecast = {"commit": commit, "best_case": by_category.get("best_case", 0)}
