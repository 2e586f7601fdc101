# mistake: kept the expansion deals (module 09's) among the closed deals compared
said = objections.text.str.split('Rep: "').str[1]
discount_ids = objections.loc[said.str.contains("% off"), "opportunity_id"]
everything = world.opportunities
done = everything[everything.is_closed]
has = done.opportunity_id.isin(discount_ids)
won = done[done.is_won]
won_has = won.opportunity_id.isin(discount_ids)
discount_effect = {
    "win_rate_with": done[has].is_won.mean(),
    "win_rate_without": done[~has].is_won.mean(),
    "median_won_with": won[won_has].amount.median(),
    "median_won_without": won[~won_has].amount.median(),
}
