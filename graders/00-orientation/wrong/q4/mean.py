# mistake: the mean won amount instead of the median
# core: yes
deals = world.opportunities[world.opportunities.type == "new_business"]
median_won = deals[deals.is_won].amount.mean()
