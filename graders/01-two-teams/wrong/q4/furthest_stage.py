# mistake: mapped lifecycle_stage (the furthest stage reached) to its owner, so disqualified SALs and lost deals still sit on a desk
# core: yes
leads_by_owner = world.leads.lifecycle_stage.map(STAGE_OWNER).value_counts()
