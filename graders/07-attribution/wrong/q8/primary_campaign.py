# mistake: credited each won deal's whole amount to its primary campaign instead of the W-shaped credit of each touch
# core: yes
spend = camps.set_index("campaign_id").actual_cost
wins = deals[deals.is_won]
revenue = wins.amount.groupby(wins.campaign_id).sum().reindex(spend.index, fill_value=0)
campaign_roi = (revenue * GROSS_MARGIN - spend) / spend
