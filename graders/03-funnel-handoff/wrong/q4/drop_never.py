# mistake: dropped the never-answered MQLs (pd.cut leaves them out of the groupby)
# core: yes
mql = world.leads[world.leads.mql_at.notna()]
hours = (mql.first_response_at - mql.mql_at).dt.total_seconds() / 3600
bins = [0, 5 / 60, 0.5, 1, 24, float("inf")]
labels = ["<5 min", "5-30 min", "30-60 min", "1-24 h", ">24 h"]
bucket = pd.cut(hours, bins, labels=labels, right=False)
sql_rate_by_response = mql.sql_at.notna().groupby(bucket, observed=True).mean()
