# mistake: compared each stage's share of all leads (cumulative), so the last step always looks worst
# core: yes
leads = world.leads[world.leads.source_channel != "outbound"]
cohort = leads[(leads.created_at >= "2025-01-01") & (leads.created_at < "2025-07-01")]
share = {"mql_to_sal": cohort.sal_at.notna().mean(), "sal_to_sql": cohort.sql_at.notna().mean(),
         "sql_to_opportunity": cohort.opportunity_id.notna().mean()}
leakiest_step = min(share, key=share.get)
