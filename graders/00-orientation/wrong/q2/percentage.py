# mistake: a percentage (0-100) instead of a share between 0 and 1
mql_share = world.leads.mql_at.notna().mean() * 100
