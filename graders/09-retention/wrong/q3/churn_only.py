# mistake: counted only churned customers as losses, ignoring contraction
kept = then.where(now > 0, 0.0)
grr_by_segment = kept.groupby(segment).sum() / then.groupby(segment).sum()
