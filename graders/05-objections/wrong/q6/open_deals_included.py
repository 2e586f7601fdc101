# mistake: included open deals in the win rates (an open deal is not lost yet)
said = objections.text.str.split('Rep: "').str[1]
discount_ids = objections.loc[said.str.contains("% off"), "opportunity_id"]
has = deals.opportunity_id.isin(discount_ids)
won = deals[deals.is_won]
won_has = won.opportunity_id.isin(discount_ids)
discount_effect = {
    "win_rate_with": deals[has].is_won.mean(),
    "win_rate_without": deals[~has].is_won.mean(),
    "median_won_with": won[won_has].amount.median(),
    "median_won_without": won[~won_has].amount.median(),
}
