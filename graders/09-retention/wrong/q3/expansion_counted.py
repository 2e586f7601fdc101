# mistake: did not cap each customer at its ARR then, so expansion counts (that is NRR)
# core: yes
grr_by_segment = now.groupby(segment).sum() / then.groupby(segment).sum()
