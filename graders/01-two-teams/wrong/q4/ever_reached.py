# mistake: counted leads that ever reached each team's stages (history) instead of whose desk each lead is on now
history = world.lifecycle_history
leads_by_owner = history.groupby(history.stage.map(STAGE_OWNER)).lead_id.nunique()
