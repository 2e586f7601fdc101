# mistake: averaged the amount of every closed deal, counting lost deals at their amount instead of 0
closed = deals[deals.is_closed]
revenue_per_deal = closed.groupby("segment").amount.mean()
