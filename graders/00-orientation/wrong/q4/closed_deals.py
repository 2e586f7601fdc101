# mistake: the median of closed new-business deals, lost ones included
deals = world.opportunities[world.opportunities.type == "new_business"]
median_won = deals[deals.is_closed].amount.median()
