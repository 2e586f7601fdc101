# mistake: decayed the fit score as well as engagement (fit halved per 30 days since the lead was created)
tp = world.touchpoints
age_days = (world.reference_date - tp.occurred_at).dt.total_seconds() / 86400
engagement = (tp.event_type.map(points) * 0.5 ** (age_days / 30)).groupby(tp.lead_id).sum()
leads = world.leads.set_index("lead_id")
lead_age = (world.reference_date - leads.created_at).dt.total_seconds() / 86400
fit = leads.fit_score * 0.5 ** (lead_age / 30)
scores = fit + engagement.reindex(fit.index, fill_value=0)
