# mistake: the median of closed deals, lost ones included
median_won = world.opportunities[world.opportunities.is_closed].amount.median()
