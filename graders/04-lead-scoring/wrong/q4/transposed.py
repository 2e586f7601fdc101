# mistake: engagement bands as rows and fit bands as columns (the grid transposed)
engagement_band = pd.cut(inb.engagement_score, [0, 10, 30, 101], right=False, labels=labels)
grid = inb.opportunity_id.notna().groupby([engagement_band, fit_band], observed=False).mean().unstack()
