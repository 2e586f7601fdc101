# mistake: counted the late open deals that do have an economic buyer
late = ~deals.is_closed & (deals.probability >= 70)
late_no_eb = int((late & deals.has_economic_buyer).sum())
