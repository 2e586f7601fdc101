# mistake: counted a deal as influenced by touches that came after it was created
new = deals[deals.type == "new_business"]
source = new.lead_id.map(leads.set_index("lead_id").source_channel)
touched = touches.merge(new[["opportunity_id", "lead_id"]], on="lead_id")
pipeline = {"sourced": new.amount[source != "outbound"].sum(),
            "influenced": new.amount[new.opportunity_id.isin(touched.opportunity_id)].sum()}
