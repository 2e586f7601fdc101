# mistake: attributed every deal's amount (open and lost too), not only won revenue
channel = deals.campaign_id.map(camps.set_index("campaign_id").channel)
spend = camps.groupby("channel").actual_cost.sum()
revenue = deals.amount.groupby(channel).sum().reindex(spend.index, fill_value=0)
roi = (revenue * GROSS_MARGIN - spend) / spend
