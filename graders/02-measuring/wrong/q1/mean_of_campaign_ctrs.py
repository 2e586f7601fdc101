# mistake: averaged each campaign's CTR instead of dividing the channel's total clicks by its total impressions
# core: yes
paid = camps[camps.impressions > 0]
ctr = (paid.clicks / paid.impressions).groupby(paid.channel).mean()
