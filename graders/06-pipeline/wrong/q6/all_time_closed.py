# mistake: added every deal ever won (forecast category "closed") instead of those won this quarter
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
by_category = closing.groupby("forecast_category").amount.sum()
closed_won = deals.loc[deals.forecast_category == "closed", "amount"].sum()
commit = closed_won + by_category.get("commit", 0)
forecast = {"commit": commit, "best_case": commit + by_category.get("best_case", 0)}
