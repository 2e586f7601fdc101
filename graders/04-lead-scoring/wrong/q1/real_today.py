# mistake: measured the age of each touch to the real today instead of world.reference_date
tp = world.touchpoints
age_days = (pd.Timestamp.now() - tp.occurred_at).dt.total_seconds() / 86400
engagement = (tp.event_type.map(points) * 0.5 ** (age_days / 30)).groupby(tp.lead_id).sum()
fit = world.leads.set_index("lead_id").fit_score
scores = fit + engagement.reindex(fit.index, fill_value=0)
