# mistake: multiplied by each rate (walking the funnel forwards) instead of dividing
# core: yes
deals = goal / inputs["average_deal"]
opportunities = deals * inputs["win_rate"]
sqls = opportunities * inputs["sql_to_opportunity"]
sals = sqls * inputs["sal_to_sql"]
mqls = sals * inputs["mql_to_sal"]
leads = mqls * inputs["lead_to_mql"]
plan_needs = {"deals": deals, "opportunities": opportunities, "sqls": sqls, "sals": sals,
              "mqls": mqls, "leads": leads, "budget": leads * inputs["cost_per_lead"]}
