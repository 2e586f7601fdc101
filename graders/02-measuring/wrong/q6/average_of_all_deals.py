# mistake: average deal size over every deal (open and lost too) instead of won amount / won count
seg = deals[deals.segment == "mid_market"]
seg_done = seg[seg.is_closed]
seg_wins = seg_done[seg_done.is_won]
mid_market = {
    "win_rate_by_count": len(seg_wins) / len(seg_done),
    "win_rate_by_value": seg_wins.amount.sum() / seg_done.amount.sum(),
    "average_deal_size": seg.amount.mean(),
}
