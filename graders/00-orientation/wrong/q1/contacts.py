# mistake: counted contacts (people, including the colleagues on each deal) instead of leads
n_leads = len(world.contacts)
