# mistake: used the quarter the reference date falls in (not over yet) instead of the last complete one
quarter = world.reference_date.to_period("Q")
inbound = world.leads[world.leads.source_channel != "outbound"]
inbound_deals = world.opportunities[world.opportunities.opportunity_id.isin(inbound.opportunity_id.dropna())]
in_q = lambda stamps: (stamps.dt.to_period("Q") == quarter).sum()
observed = {"leads": in_q(inbound.created_at), "mqls": in_q(inbound.mql_at), "sals": in_q(inbound.sal_at),
            "sqls": in_q(inbound.sql_at), "opportunities": in_q(inbound_deals.created_at),
            "deals": in_q(inbound_deals.close_date[inbound_deals.is_won])}
vs_plan = {stage: observed[stage] / plan_needs[stage] for stage in observed}
