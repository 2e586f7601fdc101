# mistake: left the sourced deals out of the influenced pipeline (influenced but not sourced)
# core: yes
new = deals[deals.type == "new_business"]
source = new.lead_id.map(leads.set_index("lead_id").source_channel)
touched = touches.merge(new[["opportunity_id", "lead_id", "created_at"]], on="lead_id")
before = touched[touched.occurred_at <= touched.created_at]
pipeline = {"sourced": new.amount[source != "outbound"].sum(),
            "influenced": new.amount[new.opportunity_id.isin(before.opportunity_id) & (source == "outbound")].sum()}
