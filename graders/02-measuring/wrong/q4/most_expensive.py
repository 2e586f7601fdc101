# mistake: took the largest cost (idxmax) instead of the smallest
media = ["display", "paid_search", "paid_social"]
media_spend = camps.groupby("channel").actual_cost.sum()[media]
per_lead = media_spend / leads.groupby("source_channel").size()[media]
per_sql = media_spend / leads[leads.sql_at.notna()].groupby("source_channel").size()[media]
paid_media_pick = {"cheapest_per_lead": per_lead.idxmax(), "cheapest_per_sql": per_sql.idxmax()}
