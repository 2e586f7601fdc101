# mistake: kept every closed deal, lost ones too
done = deals[deals.is_closed]
channel = done.campaign_id.map(camps.set_index("campaign_id").channel)
primary_source = done.amount.groupby(channel).sum()
