# mistake: picked the channel with the most leads, confusing volume with cost
media = ["display", "paid_search", "paid_social"]
biggest = leads.source_channel.value_counts()[media].idxmax()
paid_media_pick = {"cheapest_per_lead": biggest, "cheapest_per_sql": biggest}
