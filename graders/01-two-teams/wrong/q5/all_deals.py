# mistake: divided by every deal, open ones included, instead of closed deals (won + lost)
# core: yes
win_rate = deals.groupby("segment").is_won.mean()
