# mistake: divided the weighted pipeline (not the open pipeline at full amounts) by the remaining quota
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
pipeline = (closing.amount * closing.stage.map(DEAL_STAGES) / 100).sum()
remaining = team_quota - booked
win_rate_value = recent[recent.is_won].amount.sum() / recent.amount.sum()
coverage = {"coverage": pipeline / remaining, "coverage_needed": 1 / win_rate_value,
            "pipeline_needed": remaining / win_rate_value}
