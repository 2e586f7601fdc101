# mistake: used the planned budget instead of actual_cost
spend = camps.loc[camps.channel == "paid_search", "budget"].sum()
cpl_paid_search = spend / (leads.source_channel == "paid_search").sum()
