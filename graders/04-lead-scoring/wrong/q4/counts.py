# mistake: counted the leads that became opportunities in each cell instead of taking the rate
# core: yes
engagement_band = pd.cut(inb.engagement_score, [0, 10, 30, 101], right=False, labels=labels)
grid = inb.opportunity_id.notna().groupby([fit_band, engagement_band], observed=False).sum().unstack()
