# mistake: counted won deals per channel instead of summing their revenue
wins = deals[deals.is_won]
primary_source = wins.campaign_id.map(camps.set_index("campaign_id").channel).value_counts()
