# mistake: divided the won amount by won deals only (average deal size), ignoring lost deals
# core: yes
won = deals[deals.is_won]
revenue_per_deal = won.groupby("segment").amount.mean()
