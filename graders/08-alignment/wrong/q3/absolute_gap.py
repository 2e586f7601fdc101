# mistake: picked the largest raw difference between plan and observed instead of comparing ratios
# core: yes
gap_stage = max(observed, key=lambda stage: abs(plan_needs[stage] - observed[stage]))
