# mistake: kept the expansion deals (module 09's) among the won deals
median_won = world.opportunities[world.opportunities.is_won].amount.median()
