# mistake: divided the goal by the win rate before the average deal, calling the pipeline value "deals"
deals = goal / inputs["win_rate"]
opportunities = deals / inputs["average_deal"]
sqls = opportunities / inputs["sql_to_opportunity"]
sals = sqls / inputs["sal_to_sql"]
mqls = sals / inputs["mql_to_sal"]
leads = mqls / inputs["lead_to_mql"]
plan_needs = {"deals": deals, "opportunities": opportunities, "sqls": sqls, "sals": sals,
              "mqls": mqls, "leads": leads, "budget": leads * inputs["cost_per_lead"]}
