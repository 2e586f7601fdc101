# mistake: weighted the forecast categories by stage probability instead of rolling up full amounts
# core: yes
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
closing = closing.assign(weighted=closing.amount * closing.stage.map(DEAL_STAGES) / 100)
by_category = closing.groupby("forecast_category").weighted.sum()
commit = booked + by_category.get("commit", 0)
forecast = {"commit": commit, "best_case": commit + by_category.get("best_case", 0)}
