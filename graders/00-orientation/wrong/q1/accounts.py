# mistake: counted accounts (companies) instead of leads
n_leads = len(world.accounts)
