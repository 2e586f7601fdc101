# mistake: picked the step that loses the most leads in number instead of the lowest conversion rate
# core: yes
leads = world.leads[world.leads.source_channel != "outbound"]
cohort = leads[(leads.created_at >= "2025-01-01") & (leads.created_at < "2025-07-01")]
n = {"mql": cohort.mql_at.notna().sum(), "sal": cohort.sal_at.notna().sum(),
     "sql": cohort.sql_at.notna().sum(), "opportunity": cohort.opportunity_id.notna().sum()}
lost = {"mql_to_sal": n["mql"] - n["sal"], "sal_to_sql": n["sal"] - n["sql"], "sql_to_opportunity": n["sql"] - n["opportunity"]}
leakiest_step = max(lost, key=lost.get)
