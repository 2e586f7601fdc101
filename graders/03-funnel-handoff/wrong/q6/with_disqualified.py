# mistake: counted the reasons of every lead, disqualified ones included, not only the rejected MQLs
# core: yes
top_reasons = world.leads.rejection_reason.value_counts().index[:3].tolist()
