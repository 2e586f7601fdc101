# mistake: left closed records on a desk: disqualified leads with the SDRs, converted leads with a lost deal with the AEs
deal_stage = world.leads.opportunity_id.map(world.opportunities.set_index("opportunity_id").stage)
desk = world.leads.status.map({**STATUS_DESK, "disqualified": "sdr", "converted": "ae"})
desk[deal_stage == "closed_won"] = "csm"
leads_by_owner = desk.value_counts()
