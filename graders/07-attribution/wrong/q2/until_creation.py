# mistake: stopped the window at the deal's creation instead of its close (the conversion)
wins = deals[deals.is_won][["opportunity_id", "lead_id", "created_at", "close_date"]]
counted = touches.merge(wins, on="lead_id")
counted = counted[counted.occurred_at <= counted.created_at]
window = {"touches": len(counted), "deals": counted.opportunity_id.nunique()}
