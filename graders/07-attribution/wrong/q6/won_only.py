# mistake: counted only won deals as pipeline
wins = deals[(deals.type == "new_business") & deals.is_won]
source = wins.lead_id.map(leads.set_index("lead_id").source_channel)
touched = touches.merge(wins[["opportunity_id", "lead_id", "created_at"]], on="lead_id")
before = touched[touched.occurred_at <= touched.created_at]
pipeline = {"sourced": wins.amount[source != "outbound"].sum(),
            "influenced": wins.amount[wins.opportunity_id.isin(before.opportunity_id)].sum()}
