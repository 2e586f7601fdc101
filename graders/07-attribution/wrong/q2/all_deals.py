# mistake: used every deal (open and lost too) instead of the won deals
counted = touches.merge(deals[["opportunity_id", "lead_id", "close_date"]], on="lead_id")
counted = counted[counted.occurred_at <= counted.close_date]
window = {"touches": len(counted), "deals": counted.opportunity_id.nunique()}
