# mistake: CTR as a percentage instead of a share between 0 and 1
paid = camps[camps.impressions > 0]
totals = paid.groupby("channel")[["clicks", "impressions"]].sum()
ctr = totals.clicks / totals.impressions * 100
