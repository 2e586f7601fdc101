# mistake: ranked segments by the number of won deals, ignoring losses and deal size
won = deals[deals.is_won]
icp_segment = won.segment.value_counts().idxmax()
