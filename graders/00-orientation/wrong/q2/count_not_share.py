# mistake: the number of MQLs, not divided by the number of leads
mql_share = world.leads.mql_at.notna().sum()
