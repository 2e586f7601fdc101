# mistake: counted from Id. Decision Makers (60), where the economic buyer is still being found, instead of the late stages (70 or more)
late = ~deals.is_closed & (deals.probability >= 60)
late_no_eb = int((late & ~deals.has_economic_buyer).sum())
