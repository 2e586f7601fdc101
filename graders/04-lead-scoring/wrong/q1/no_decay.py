# mistake: engagement points summed with no decay, so a year-old demo request counts in full
# core: yes
tp = world.touchpoints
engagement = tp.event_type.map(points).groupby(tp.lead_id).sum()
fit = world.leads.set_index("lead_id").fit_score
scores = fit + engagement.reindex(fit.index, fill_value=0)
