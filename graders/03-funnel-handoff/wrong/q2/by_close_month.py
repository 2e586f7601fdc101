# mistake: not by cohort: deals won in each month (by close date) over deals opened that month
# core: yes
inbound = world.leads[world.leads.source_channel != "outbound"]
deals = world.opportunities[world.opportunities.lead_id.isin(inbound.lead_id)]
won = deals[deals.is_won]
opened = deals.created_at.dt.strftime("%Y-%m").value_counts()
closed_won = won.close_date.dt.strftime("%Y-%m").value_counts()
won_share_by_month = (closed_won / opened).fillna(0).sort_index()
