# mistake: the number of leads of the top channel instead of its name
top_channel = world.leads.source_channel.value_counts().max()
