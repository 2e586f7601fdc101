# mistake: counted closed deals as open (closed-won deals have probability 100)
# core: yes
late_no_eb = int(((deals.probability >= 70) & ~deals.has_economic_buyer).sum())
