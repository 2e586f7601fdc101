# mistake: a percentage (0-100) instead of a share between 0 and 1
inbound = world.leads[world.leads.source_channel != "outbound"]
mql_share = inbound.mql_at.notna().mean() * 100
