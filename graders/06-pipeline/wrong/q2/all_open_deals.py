# mistake: counted every open deal as this quarter's pipeline, whatever its close date
pipeline = open_deals.amount.sum()
remaining = team_quota - booked
win_rate_value = recent[recent.is_won].amount.sum() / recent.amount.sum()
coverage = {"coverage": pipeline / remaining, "coverage_needed": 1 / win_rate_value,
            "pipeline_needed": remaining / win_rate_value}
