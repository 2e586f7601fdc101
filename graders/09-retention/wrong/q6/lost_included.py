# mistake: added the expansion deals we lost
deals = world.opportunities
closed = deals[(deals.type == "expansion") & deals.is_closed & (deals.close_date > start_day) & (deals.close_date <= world.reference_date)]
expansion_won = closed.groupby("segment").amount.sum().reindex(["smb", "mid_market", "enterprise"], fill_value=0)
