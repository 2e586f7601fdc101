# mistake: included open deals in the win rate (won / all deals instead of won / (won + lost))
pairs = objections[["objection_category", "opportunity_id"]].drop_duplicates()
joined = pairs.merge(deals[["opportunity_id", "is_won"]], on="opportunity_id")
win_by_category = joined.groupby("objection_category").is_won.mean()
