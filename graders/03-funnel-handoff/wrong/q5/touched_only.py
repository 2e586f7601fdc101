# mistake: dropped the MQLs nobody ever touched instead of counting them as misses
# core: yes
mql = world.leads[world.leads.mql_at.notna() & world.leads.first_response_at.notna()]
sla_share = ((mql.first_response_at - mql.mql_at) <= pd.Timedelta(hours=4)).mean()
