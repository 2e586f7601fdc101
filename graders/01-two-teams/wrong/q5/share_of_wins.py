# mistake: how won deals split between segments, not each segment's won / closed
won = deals[deals.is_won]
win_rate = won.segment.value_counts(normalize=True)
