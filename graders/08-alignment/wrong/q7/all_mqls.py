# mistake: acceptance rate over every MQL, counting the never-answered ones as rejections
quarter = world.reference_date.to_period("Q") - 1
mqls = world.leads[world.leads.mql_at.dt.to_period("Q") == quarter]
sla_scorecard = {
    "mql_vs_plan": len(mqls) / plan_needs["mqls"],
    "acceptance_rate": mqls.sal_at.notna().mean(),
    "sla_4h": ((mqls.first_response_at - mqls.mql_at) <= pd.Timedelta(hours=4)).mean(),
    "attempts_per_mql": world.activities.lead_id.isin(mqls.lead_id).sum() / len(mqls),
}
