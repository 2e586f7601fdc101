# mistake: counted touches after the deal closed too
# core: yes
wins = deals[deals.is_won][["opportunity_id", "lead_id", "amount", "created_at", "close_date"]]
counted = touches.merge(wins, on="lead_id")
window = {"touches": len(counted), "deals": counted.opportunity_id.nunique()}
