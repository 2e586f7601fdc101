# mistake: flagged every note with a "%" anywhere, the buyer's "30% above what they quoted" included
# core: yes
discount_ids = notes.loc[notes.text.str.contains("%", regex=False), "opportunity_id"]
done = deals[deals.is_closed]
has = done.opportunity_id.isin(discount_ids)
won = done[done.is_won]
won_has = won.opportunity_id.isin(discount_ids)
discount_effect = {
    "win_rate_with": done[has].is_won.mean(),
    "win_rate_without": done[~has].is_won.mean(),
    "median_won_with": won[won_has].amount.median(),
    "median_won_without": won[~won_has].amount.median(),
}
