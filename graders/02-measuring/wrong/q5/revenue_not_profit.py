# mistake: used won revenue instead of gross profit (forgot the margin)
wins = deals[deals.is_won]
channel = wins.campaign_id.map(camps.set_index("campaign_id").channel)
spend = camps.groupby("channel").actual_cost.sum()
revenue = wins.amount.groupby(channel).sum().reindex(spend.index, fill_value=0)
roi = (revenue - spend) / spend
