# mistake: computed ROAS (revenue / spend) instead of ROI
# core: yes
wins = deals[deals.is_won]
channel = wins.campaign_id.map(camps.set_index("campaign_id").channel)
spend = camps.groupby("channel").actual_cost.sum()
roi = wins.amount.groupby(channel).sum().reindex(spend.index, fill_value=0) / spend
