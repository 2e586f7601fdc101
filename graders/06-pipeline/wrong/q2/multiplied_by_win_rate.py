# mistake: multiplied by the win rate instead of dividing by it (coverage needed = win rate, pipeline needed = quota x win rate)
# core: yes
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
pipeline = closing.amount.sum()
remaining = team_quota - booked
win_rate_value = recent[recent.is_won].amount.sum() / recent.amount.sum()
coverage = {"coverage": pipeline / remaining, "coverage_needed": 1 * win_rate_value,
            "pipeline_needed": remaining * win_rate_value}
