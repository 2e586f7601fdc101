# mistake: counted expansion deals too (every row of world.opportunities), though the AEs' quota covers new business only
every = world.opportunities
every_open = every[~every.is_closed]
closing = every_open[(every_open.close_date >= today) & (every_open.close_date <= quarter_end)]
every_wins = every[every.is_won]
booked_every = every_wins[(every_wins.close_date >= quarter_start) & (every_wins.close_date <= today)].amount.sum()
every_recent = every[every.is_closed & (every.close_date >= today - pd.Timedelta(days=365))]
remaining = team_quota - booked_every
win_rate_value = every_recent[every_recent.is_won].amount.sum() / every_recent.amount.sum()
coverage = {"coverage": closing.amount.sum() / remaining, "coverage_needed": 1 / win_rate_value,
            "pipeline_needed": remaining / win_rate_value}
