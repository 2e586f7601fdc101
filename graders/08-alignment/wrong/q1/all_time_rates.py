# mistake: took the stage rates and win rate from every inbound lead (immature recent cohorts included), not the mature window
inbound = world.leads[world.leads.source_channel != "outbound"]
their_deals = world.opportunities[world.opportunities.opportunity_id.isin(inbound.opportunity_id.dropna())]
closed = their_deals[their_deals.is_closed]
win_rate = closed.is_won.sum() / len(closed)
deals = goal / inputs["average_deal"]
opportunities = deals / win_rate
sqls = opportunities / (inbound.opportunity_id.notna().sum() / inbound.sql_at.notna().sum())
sals = sqls / (inbound.sql_at.notna().sum() / inbound.sal_at.notna().sum())
mqls = sals / (inbound.sal_at.notna().sum() / inbound.mql_at.notna().sum())
leads = mqls / (inbound.mql_at.notna().sum() / len(inbound))
plan_needs = {"deals": deals, "opportunities": opportunities, "sqls": sqls, "sals": sals,
              "mqls": mqls, "leads": leads, "budget": leads * inputs["cost_per_lead"]}
