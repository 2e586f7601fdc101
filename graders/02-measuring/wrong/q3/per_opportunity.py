# mistake: divided by the leads that became opportunities instead of the SQLs
spend = camps.groupby("channel").actual_cost.sum()
opps = leads[leads.opportunity_id.notna()].groupby("source_channel").size()
cost_per_sql = (spend / opps).dropna()
