# mistake: averaged each campaign's cost per lead instead of total cost / total leads
search = camps[camps.channel == "paid_search"].set_index("campaign_id")
per_campaign = search.actual_cost / leads.groupby("campaign_id").size().reindex(search.index)
cpl_paid_search = per_campaign.mean()
