# mistake: ranked every industry, including those with a handful of closed deals
# core: yes
icp_industry = by_industry.revenue_per_closed_deal.idxmax()
