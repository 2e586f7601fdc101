# mistake: used the CRM's undecayed fit_score + engagement_score instead of the decayed scores
# core: yes
crm = world.leads.set_index("lead_id")
n_mql = int(((crm.fit_score + crm.engagement_score)[inbound] >= 70).sum())
