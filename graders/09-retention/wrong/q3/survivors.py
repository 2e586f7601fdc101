# mistake: left the churned customers out
alive = now > 0
grr_by_segment = now[alive].clip(upper=then[alive]).groupby(segment[alive]).sum() / then[alive].groupby(segment[alive]).sum()
