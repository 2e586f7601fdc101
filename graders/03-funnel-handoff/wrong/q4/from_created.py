# mistake: timed the first response from created_at instead of mql_at
mql = world.leads[world.leads.mql_at.notna()]
hours = (mql.first_response_at - mql.created_at).dt.total_seconds() / 3600
bins = [0, 5 / 60, 0.5, 1, 24, float("inf")]
labels = ["<5 min", "5-30 min", "30-60 min", "1-24 h", ">24 h"]
bucket = pd.cut(hours, bins, labels=labels, right=False).astype(str).where(hours.notna(), "never")
sql_rate_by_response = {b: mql.sql_at.notna()[bucket == b].mean() for b in labels + ["never"]}
