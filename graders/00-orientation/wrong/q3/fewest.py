# mistake: the channel with the fewest leads (value_counts sorts largest first)
top_channel = world.leads.source_channel.value_counts().index[-1]
