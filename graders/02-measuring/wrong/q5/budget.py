# mistake: used the planned budget instead of actual_cost as the spend
wins = deals[deals.is_won]
channel = wins.campaign_id.map(camps.set_index("campaign_id").channel)
spend = camps.groupby("channel").budget.sum()
revenue = wins.amount.groupby(channel).sum().reindex(spend.index, fill_value=0)
roi = (revenue * GROSS_MARGIN - spend) / spend
