# mistake: sorted ascending, so the list holds the least common reasons
rejected = world.leads[world.leads.status == "rejected"]
top_reasons = rejected.rejection_reason.value_counts().sort_values().index[:3].tolist()
