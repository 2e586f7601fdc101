# mistake: used every inbound lead ever created, immature recent cohorts included, instead of the H1 2025 cohort
cohort = world.leads[world.leads.source_channel != "outbound"]
won_ids = world.opportunities.opportunity_id[world.opportunities.is_won]
n = {"lead": len(cohort), "mql": cohort.mql_at.notna().sum(), "sal": cohort.sal_at.notna().sum(),
     "sql": cohort.sql_at.notna().sum(), "opportunity": cohort.opportunity_id.notna().sum(),
     "won": cohort.opportunity_id.isin(won_ids).sum()}
stages = list(n)
cohort_rates = {f"{a}_to_{b}": n[b] / n[a] for a, b in zip(stages, stages[1:])}
