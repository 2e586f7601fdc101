# mistake: stage conversion not by cohort: counted the stage events dated in the half-year, whoever they were
# core: yes
leads = world.leads[world.leads.source_channel != "outbound"]
deals = world.opportunities[world.opportunities.lead_id.isin(leads.lead_id)]
def dated(stamps):
    return ((stamps >= "2025-01-01") & (stamps < "2025-07-01")).sum()
n = {"lead": dated(leads.created_at), "mql": dated(leads.mql_at), "sal": dated(leads.sal_at),
     "sql": dated(leads.sql_at), "opportunity": dated(deals.created_at),
     "won": dated(deals.close_date[deals.is_won])}
stages = list(n)
cohort_rates = {f"{a}_to_{b}": n[b] / n[a] for a, b in zip(stages, stages[1:])}
