# mistake: kept outbound leads in the cohort (they skip the MQL stage and inflate MQL-to-SAL)
cohort = world.leads[(world.leads.created_at >= "2025-01-01") & (world.leads.created_at < "2025-07-01")]
won_ids = world.opportunities.opportunity_id[world.opportunities.is_won]
n = {"lead": len(cohort), "mql": cohort.mql_at.notna().sum(), "sal": cohort.sal_at.notna().sum(),
     "sql": cohort.sql_at.notna().sum(), "opportunity": cohort.opportunity_id.notna().sum(),
     "won": cohort.opportunity_id.isin(won_ids).sum()}
stages = list(n)
cohort_rates = {f"{a}_to_{b}": n[b] / n[a] for a, b in zip(stages, stages[1:])}
