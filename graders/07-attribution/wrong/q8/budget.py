# mistake: used the planned budget instead of actual_cost as the spend
spend = camps.set_index("campaign_id").budget
revenue = (w_share * path.amount).groupby(path.campaign_id).sum().reindex(spend.index, fill_value=0)
campaign_roi = (revenue * GROSS_MARGIN - spend) / spend
