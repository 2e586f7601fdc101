# mistake: counted closed deals as open (completeness over every deal)
# core: yes
completeness = (deals[flags].sum(axis=1) / 8).mean()
