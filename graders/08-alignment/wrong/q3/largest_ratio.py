# mistake: picked the largest observed / needed ratio (furthest above plan) instead of the smallest
gap_stage = max(vs_plan, key=vs_plan.get)
