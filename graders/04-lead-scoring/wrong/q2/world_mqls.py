# mistake: counted the leads the CRM ever marked as MQLs instead of applying the bar to the scores
n_mql = int(world.leads.mql_at.notna().sum())
