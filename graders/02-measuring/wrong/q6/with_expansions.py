# mistake: kept the expansion deals (type "expansion", CSMs selling to customers) in the win rates
seg = world.opportunities[world.opportunities.segment == "mid_market"]
seg_done = seg[seg.is_closed]
seg_wins = seg_done[seg_done.is_won]
mid_market = {
    "win_rate_by_count": len(seg_wins) / len(seg_done),
    "win_rate_by_value": seg_wins.amount.sum() / seg_done.amount.sum(),
    "average_deal_size": seg_wins.amount.sum() / len(seg_wins),
}
