# mistake: the channel with the most leads that became opportunities
top_channel = world.leads.dropna(subset=["opportunity_id"]).source_channel.value_counts().idxmax()
