# mistake: counted distinct company names instead of every lead
n_leads = world.leads.company.nunique()
