# mistake: counted within 4 hours of created_at instead of mql_at
mql = world.leads[world.leads.mql_at.notna()]
sla_share = ((mql.first_response_at - mql.created_at) <= pd.Timedelta(hours=4)).mean()
