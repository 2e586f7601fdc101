# mistake: left the never-touched MQLs out of the 4-hour rate and the attempts per MQL
# core: yes
quarter = world.reference_date.to_period("Q") - 1
mqls = world.leads[world.leads.mql_at.dt.to_period("Q") == quarter]
touched = mqls[mqls.first_response_at.notna()]
worked = mqls[mqls.lead_id.isin(world.activities.lead_id)]
accepted, rejected = mqls.sal_at.notna().sum(), (mqls.status == "rejected").sum()
sla_scorecard = {
    "mql_vs_plan": len(mqls) / plan_needs["mqls"],
    "acceptance_rate": accepted / (accepted + rejected),
    "sla_4h": ((touched.first_response_at - touched.mql_at) <= pd.Timedelta(hours=4)).mean(),
    "attempts_per_mql": world.activities.lead_id.isin(worked.lead_id).sum() / len(worked),
}
