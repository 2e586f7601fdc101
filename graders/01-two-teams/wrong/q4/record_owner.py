# mistake: counted the role of the lead's owner_id (its record owner, the routed SDR) instead of the team that has to act next
roles = world.leads.owner_id.map(world.users.set_index("user_id").role)
leads_by_owner = roles.value_counts()
