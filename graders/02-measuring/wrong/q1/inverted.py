# mistake: divided impressions by clicks (the ratio upside down)
paid = camps[camps.impressions > 0]
totals = paid.groupby("channel")[["clicks", "impressions"]].sum()
ctr = totals.impressions / totals.clicks
