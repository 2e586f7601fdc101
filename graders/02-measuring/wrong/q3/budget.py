# mistake: used the planned budget instead of actual_cost
spend = camps.groupby("channel").budget.sum()
sqls = leads[leads.sql_at.notna()].groupby("source_channel").size()
cost_per_sql = (spend / sqls).dropna()
