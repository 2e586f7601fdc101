# mistake: the share of open leads per team instead of the number of leads
deal_stage = world.leads.opportunity_id.map(world.opportunities.set_index("opportunity_id").stage)
desk = world.leads.status.map(STATUS_DESK)
desk[deal_stage == "closed_won"] = "csm"
desk[deal_stage.notna() & ~deal_stage.isin(["closed_won", "closed_lost"])] = "ae"
leads_by_owner = desk.value_counts(normalize=True)
