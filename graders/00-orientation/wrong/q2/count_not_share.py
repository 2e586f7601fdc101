# mistake: the number of inbound MQLs, not divided by the number of inbound leads
inbound = world.leads[world.leads.source_channel != "outbound"]
mql_share = inbound.mql_at.notna().sum()
