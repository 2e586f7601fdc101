# mistake: a 30-day linear decay (points fall to zero after 30 days) instead of a 30-day half-life
tp = world.touchpoints
age_days = (world.reference_date - tp.occurred_at).dt.total_seconds() / 86400
decayed = tp.event_type.map(points) * (1 - age_days / 30).clip(lower=0)
engagement = decayed.groupby(tp.lead_id).sum()
fit = world.leads.set_index("lead_id").fit_score
scores = fit + engagement.reindex(fit.index, fill_value=0)
