# mistake: counted accounts (companies) instead of leads
# core: yes
n_leads = len(world.accounts)
