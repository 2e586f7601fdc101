# mistake: ROI on credited revenue instead of gross profit (forgot the margin)
spend = camps.set_index("campaign_id").actual_cost
revenue = (w_share * path.amount).groupby(path.campaign_id).sum().reindex(spend.index, fill_value=0)
campaign_roi = (revenue - spend) / spend
