# mistake: divided by every lead, outbound ones (which skip the MQL stage) included
mql_share = world.leads.mql_at.notna().mean()
