# mistake: counted every deal as pipeline, expansions included (no lead, so their source is missing, not outbound)
source = deals.lead_id.map(leads.set_index("lead_id").source_channel)
sourced = deals.amount[source != "outbound"].sum()
touched = touches.merge(deals[["opportunity_id", "lead_id", "created_at", "amount"]], on="lead_id")
before = touched[touched.occurred_at <= touched.created_at]
pipeline = {"sourced": sourced, "influenced": before.drop_duplicates("opportunity_id").amount.sum()}
