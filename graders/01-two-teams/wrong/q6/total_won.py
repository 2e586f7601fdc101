# mistake: total won revenue per segment, not divided by the number of closed deals
won = deals[deals.is_won]
revenue_per_deal = won.groupby("segment").amount.sum()
