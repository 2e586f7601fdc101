# mistake: summed every won expansion since the first customer, not the last 12 months
deals = world.opportunities
won = deals[(deals.type == "expansion") & deals.is_won]
expansion_won = won.groupby("segment").amount.sum().reindex(["smb", "mid_market", "enterprise"], fill_value=0)
