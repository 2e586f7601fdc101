# mistake: probability above 60 instead of 60 or more, missing the stage at exactly 60
late = ~deals.is_closed & (deals.probability > 60)
late_no_eb = int((late & ~deals.has_economic_buyer).sum())
