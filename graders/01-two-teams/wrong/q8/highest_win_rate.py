# mistake: ranked the large industries by win rate instead of won revenue per closed deal
enough = by_industry[by_industry.closed >= 0.10 * by_industry.closed.sum()]
icp_industry = enough.win_rate.idxmax()
