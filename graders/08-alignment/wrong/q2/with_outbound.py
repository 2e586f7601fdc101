# mistake: counted outbound leads and their deals against a plan built on inbound rates
# core: yes
quarter = world.reference_date.to_period("Q") - 1
leads = world.leads
deals = world.opportunities[world.opportunities.opportunity_id.isin(leads.opportunity_id.dropna())]  # every lead's deals
in_q = lambda stamps: (stamps.dt.to_period("Q") == quarter).sum()
observed = {"leads": in_q(leads.created_at), "mqls": in_q(leads.mql_at), "sals": in_q(leads.sal_at),
            "sqls": in_q(leads.sql_at), "opportunities": in_q(deals.created_at),
            "deals": in_q(deals.close_date[deals.is_won])}
vs_plan = {stage: observed[stage] / plan_needs[stage] for stage in observed}
