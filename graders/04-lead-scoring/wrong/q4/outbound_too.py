# mistake: kept outbound leads in the grid
every = world.leads
fit_all = pd.cut(every.fit_score, [0, 40, 60, 101], right=False, labels=labels)
engagement_all = pd.cut(every.engagement_score, [0, 10, 30, 101], right=False, labels=labels)
grid = every.opportunity_id.notna().groupby([fit_all, engagement_all], observed=False).mean().unstack()
