# mistake: the mean number of elements evidenced per open deal, not divided by 8 into a share
open_deals = deals[~deals.is_closed]
completeness = open_deals[flags].sum(axis=1).mean()
