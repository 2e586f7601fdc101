# mistake: divided by all leads instead of the MQLs
sla_share = ((world.leads.first_response_at - world.leads.mql_at) <= pd.Timedelta(hours=4)).mean()
