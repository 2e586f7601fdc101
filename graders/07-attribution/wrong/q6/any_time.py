# mistake: counted a deal as influenced by touches that came after it was created
source = deals.lead_id.map(leads.set_index("lead_id").source_channel)
touched = touches.merge(deals[["opportunity_id", "lead_id"]], on="lead_id")
pipeline = {"sourced": deals.amount[source != "outbound"].sum(),
            "influenced": deals.amount[deals.opportunity_id.isin(touched.opportunity_id)].sum()}
