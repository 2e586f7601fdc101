# mistake: included open deals in the win rates (won / all deals instead of won / (won + lost))
# core: yes
seg = deals[deals.segment == "mid_market"]
seg_wins = seg[seg.is_won]
mid_market = {
    "win_rate_by_count": len(seg_wins) / len(seg),
    "win_rate_by_value": seg_wins.amount.sum() / seg.amount.sum(),
    "average_deal_size": seg_wins.amount.sum() / len(seg_wins),
}
