# mistake: the industry with the most won revenue in total, not per closed deal
icp_industry = by_industry.won_amount.idxmax()
