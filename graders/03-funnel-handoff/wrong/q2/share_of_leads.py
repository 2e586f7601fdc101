# mistake: divided the wins by all the month's leads (lead-to-won) instead of the cohort's opportunities
inbound = world.leads[world.leads.source_channel != "outbound"]
won_ids = world.opportunities.opportunity_id[world.opportunities.is_won]
month = inbound.created_at.dt.strftime("%Y-%m")
won_share_by_month = inbound.opportunity_id.isin(won_ids).groupby(month).mean()
