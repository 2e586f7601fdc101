# mistake: counted the won-so-far by the quarter number without the year, so the same quarter of earlier years is booked too
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
pipeline = closing.amount.sum()
booked_by_number = wins[wins.close_date.dt.quarter == today.quarter].amount.sum()
remaining = team_quota - booked_by_number
win_rate_value = recent[recent.is_won].amount.sum() / recent.amount.sum()
coverage = {"coverage": pipeline / remaining, "coverage_needed": 1 / win_rate_value,
            "pipeline_needed": remaining / win_rate_value}
