# mistake: divided by the leads that became MQLs (cost per MQL), not by every lead
# core: yes
spend = camps.loc[camps.channel == "paid_search", "actual_cost"].sum()
cpl_paid_search = spend / ((leads.source_channel == "paid_search") & leads.mql_at.notna()).sum()
