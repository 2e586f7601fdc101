# mistake: the mean won amount instead of the median
# core: yes
median_won = world.opportunities[world.opportunities.is_won].amount.mean()
