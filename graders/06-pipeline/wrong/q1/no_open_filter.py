# mistake: kept every deal closing this quarter, from its first day, without the open-deal filter: this quarter's wins count at 100%
in_quarter = deals[(deals.close_date >= quarter_start) & (deals.close_date <= quarter_end)]
weighted = (in_quarter.amount * in_quarter.stage.map(DEAL_STAGES).astype(float) / 100).sum()
