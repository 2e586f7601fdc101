# mistake: summed every deal won in the window, new business included
# core: yes
deals = world.opportunities
won = deals[deals.is_won & (deals.close_date > start_day) & (deals.close_date <= world.reference_date)]
expansion_won = won.groupby("segment").amount.sum().reindex(["smb", "mid_market", "enterprise"], fill_value=0)
