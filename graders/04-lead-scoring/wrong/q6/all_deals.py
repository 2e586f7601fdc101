# mistake: counted closed deals as open (completeness over every deal)
completeness = (deals[flags].sum(axis=1) / 8).mean()
