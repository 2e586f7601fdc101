# mistake: win rate by value (won amount / closed amount) when the question asks by count
closed = deals[deals.is_closed]
win_rate = closed.amount.where(closed.is_won, 0).groupby(closed.segment).sum() / closed.groupby("segment").amount.sum()
