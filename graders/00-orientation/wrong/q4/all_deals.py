# mistake: the median of every new-business deal, open and lost included
deals = world.opportunities[world.opportunities.type == "new_business"]
median_won = deals.amount.median()
