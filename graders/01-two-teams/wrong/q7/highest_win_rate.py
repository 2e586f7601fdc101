# mistake: ranked segments by win rate, ignoring that their deals differ in size
# core: yes
closed = deals[deals.is_closed]
icp_segment = closed.groupby("segment").is_won.mean().idxmax()
