# mistake: median amount over every closed deal (lost ones too) instead of the won deals
closed_deals = deals[deals.is_closed]
band = discount_band(closed_deals.discount_pct)
discounts = {
    "win_rate": closed_deals.is_won.groupby(band).mean(),
    "median_won_amount": closed_deals.amount.groupby(band).median(),
}
