# mistake: ranked every industry, including those with a handful of closed deals
icp_industry = by_industry.revenue_per_closed_deal.idxmax()
