# mistake: mean won amount instead of the median
closed_deals = deals[deals.is_closed]
band = discount_band(closed_deals.discount_pct)
won_deals = closed_deals[closed_deals.is_won]
discounts = {
    "win_rate": closed_deals.is_won.groupby(band).mean(),
    "median_won_amount": won_deals.amount.groupby(band[won_deals.index]).mean(),
}
