# mistake: took "not won" as open, so lost (closed) deals are included
open_deals = deals[~deals.is_won]
completeness = (open_deals[flags].sum(axis=1) / 8).mean()
