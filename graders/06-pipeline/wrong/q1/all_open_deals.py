# mistake: weighted every open deal, including those expected to close in later quarters
weighted = (open_deals.amount * open_deals.stage.map(DEAL_STAGES) / 100).sum()
