# mistake: kept the expansion deals (CSMs selling more to existing customers) in the win rate of new business
closed = world.opportunities[world.opportunities.is_closed]
win_rate = closed.groupby("segment").is_won.mean()
