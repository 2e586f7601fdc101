# mistake: summed every deal's amount (open and lost too), not only won revenue
# core: yes
channel = deals.campaign_id.map(camps.set_index("campaign_id").channel)
primary_source = deals.amount.groupby(channel).sum()
