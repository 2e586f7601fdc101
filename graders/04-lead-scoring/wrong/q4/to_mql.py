# mistake: the rate of becoming an MQL instead of becoming an opportunity
engagement_band = pd.cut(inb.engagement_score, [0, 10, 30, 101], right=False, labels=labels)
grid = inb.mql_at.notna().groupby([fit_band, engagement_band], observed=False).mean().unstack()
