# mistake: divided the plan's MQLs by the actual MQLs instead of actual / plan
quarter = world.reference_date.to_period("Q") - 1
mqls = world.leads[world.leads.mql_at.dt.to_period("Q") == quarter]
accepted, rejected = mqls.sal_at.notna().sum(), (mqls.status == "rejected").sum()
sla_scorecard = {
    "mql_vs_plan": plan_needs["mqls"] / len(mqls),
    "acceptance_rate": accepted / (accepted + rejected),
    "sla_4h": ((mqls.first_response_at - mqls.mql_at) <= pd.Timedelta(hours=4)).mean(),
    "attempts_per_mql": world.activities.lead_id.isin(mqls.lead_id).sum() / len(mqls),
}
