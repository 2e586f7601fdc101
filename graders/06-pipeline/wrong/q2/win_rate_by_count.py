# mistake: used the win rate by count for a coverage measured in dollars
closing = open_deals[(open_deals.close_date >= today) & (open_deals.close_date <= quarter_end)]
pipeline = closing.amount.sum()
remaining = team_quota - booked
win_rate_count = recent.is_won.mean()
coverage = {"coverage": pipeline / remaining, "coverage_needed": 1 / win_rate_count,
            "pipeline_needed": remaining / win_rate_count}
