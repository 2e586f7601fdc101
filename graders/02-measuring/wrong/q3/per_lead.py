# mistake: divided by every lead (cost per lead) instead of by the SQLs
# core: yes
spend = camps.groupby("channel").actual_cost.sum()
cost_per_sql = (spend / leads.groupby("source_channel").size()).dropna()
