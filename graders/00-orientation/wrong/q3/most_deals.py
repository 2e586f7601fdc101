# mistake: the channel with the most leads that became opportunities
# core: yes
top_channel = world.leads.dropna(subset=["opportunity_id"]).source_channel.value_counts().idxmax()
