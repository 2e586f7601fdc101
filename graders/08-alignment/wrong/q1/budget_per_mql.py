# mistake: priced the budget on MQLs (MQLs x cost per lead) instead of on every lead
deals = goal / inputs["average_deal"]
opportunities = deals / inputs["win_rate"]
sqls = opportunities / inputs["sql_to_opportunity"]
sals = sqls / inputs["sal_to_sql"]
mqls = sals / inputs["mql_to_sal"]
leads = mqls / inputs["lead_to_mql"]
plan_needs = {"deals": deals, "opportunities": opportunities, "sqls": sqls, "sals": sals,
              "mqls": mqls, "leads": leads, "budget": mqls * inputs["cost_per_lead"]}
