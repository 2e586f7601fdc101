# mistake: win rate over every deal of the band, open ones counted as not won
# core: yes
closed_deals = deals[deals.is_closed]
won_deals = closed_deals[closed_deals.is_won]
discounts = {
    "win_rate": deals.is_won.groupby(discount_band(deals.discount_pct)).mean(),
    "median_won_amount": won_deals.amount.groupby(discount_band(won_deals.discount_pct)).median(),
}
