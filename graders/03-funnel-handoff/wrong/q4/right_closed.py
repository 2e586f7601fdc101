# mistake: right-closed buckets (pandas default): a response at exactly 5 minutes lands in "<5 min"
mql = world.leads[world.leads.mql_at.notna()]
hours = (mql.first_response_at - mql.mql_at).dt.total_seconds() / 3600
bins = [0, 5 / 60, 0.5, 1, 24, float("inf")]
labels = ["<5 min", "5-30 min", "30-60 min", "1-24 h", ">24 h"]
bucket = pd.cut(hours, bins, labels=labels, right=True).astype(str).where(hours.notna(), "never")
sql_rate_by_response = {b: mql.sql_at.notna()[bucket == b].mean() for b in labels + ["never"]}
