# mistake: added the full amounts without weighting them by stage probability
# core: yes
in_quarter = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
weighted = in_quarter.amount.sum()
