# mistake: the share of leads per team instead of the number of leads
leads_by_owner = world.leads.lifecycle_stage.map(STAGE_OWNER).value_counts(normalize=True)
