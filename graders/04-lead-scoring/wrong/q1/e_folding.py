# mistake: exp(-age / 30) as the decay, which divides the points by e every 30 days instead of halving them
tp = world.touchpoints
age_days = (world.reference_date - tp.occurred_at).dt.total_seconds() / 86400
decayed = tp.event_type.map(points) * np.exp(-age_days / 30)
engagement = decayed.groupby(tp.lead_id).sum()
fit = world.leads.set_index("lead_id").fit_score
scores = fit + engagement.reindex(fit.index, fill_value=0)
