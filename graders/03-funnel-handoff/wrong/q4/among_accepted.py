# mistake: divided by the accepted leads (SALs) instead of all MQLs
sal = world.leads[world.leads.sal_at.notna()]
hours = (sal.first_response_at - sal.mql_at).dt.total_seconds() / 3600
bins = [0, 5 / 60, 0.5, 1, 24, float("inf")]
labels = ["<5 min", "5-30 min", "30-60 min", "1-24 h", ">24 h"]
bucket = pd.cut(hours, bins, labels=labels, right=False).astype(str).where(hours.notna(), "never")
sql_rate_by_response = sal.sql_at.notna().groupby(bucket).mean()
