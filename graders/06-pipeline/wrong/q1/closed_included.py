# mistake: kept every deal with a close date up to the quarter's end, so closed deals (won at 100%) are in the pipeline
by_quarter_end = deals[deals.close_date <= quarter_end]
weighted = (by_quarter_end.amount * by_quarter_end.stage.map(DEAL_STAGES) / 100).sum()
