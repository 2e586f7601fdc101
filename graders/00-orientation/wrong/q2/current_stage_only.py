# mistake: only leads whose stage is MQL today, missing those that moved on
# core: yes
mql_share = (world.leads.lifecycle_stage == "mql").mean()
