# mistake: only inbound leads whose stage is MQL today, missing those that moved on
# core: yes
inbound = world.leads[world.leads.source_channel != "outbound"]
mql_share = (inbound.lifecycle_stage == "mql").mean()
