# mistake: how won deals split between segments, not each segment's won / closed
won = world.opportunities[world.opportunities.is_won]
win_rate = won.segment.value_counts(normalize=True)
