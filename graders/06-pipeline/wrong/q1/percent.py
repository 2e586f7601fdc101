# mistake: weighted by the probability in percent (forgot to divide by 100)
in_quarter = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
weighted = (in_quarter.amount * in_quarter.stage.map(DEAL_STAGES)).sum()
