# mistake: counted the role of the lead's owner_id (the routed SDR) instead of the current stage's owner
# core: yes
roles = world.leads.owner_id.map(world.users.set_index("user_id").role)
leads_by_owner = roles.value_counts()
