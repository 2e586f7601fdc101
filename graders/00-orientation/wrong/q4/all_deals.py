# mistake: the median of every deal, open and lost included
median_won = world.opportunities.amount.median()
