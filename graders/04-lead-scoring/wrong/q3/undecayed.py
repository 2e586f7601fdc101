# mistake: used the CRM's undecayed fit_score + engagement_score instead of the decayed scores
crm = world.leads.set_index("lead_id")
s = (crm.fit_score + crm.engagement_score)[inbound]


def f1(threshold):
    mql = s >= threshold
    return 2 * (mql & became_opp).sum() / (mql.sum() + became_opp.sum())


best_threshold = max(range(0, 201), key=f1)
