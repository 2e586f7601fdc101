# mistake: assumed the channel with the cheapest leads also gives the cheapest SQLs
# core: yes
media = ["display", "paid_search", "paid_social"]
per_lead = camps.groupby("channel").actual_cost.sum()[media] / leads.groupby("source_channel").size()[media]
paid_media_pick = {"cheapest_per_lead": per_lead.idxmin(), "cheapest_per_sql": per_lead.idxmin()}
