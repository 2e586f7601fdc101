# mistake: F1 computed against becoming an MQL instead of becoming an opportunity
s = scores[inbound]
became_mql = world.leads.set_index("lead_id").mql_at.notna()[inbound]


def f1(threshold):
    mql = s >= threshold
    return 2 * (mql & became_mql).sum() / (mql.sum() + became_mql.sum())


best_threshold = max(range(0, 201), key=f1)
