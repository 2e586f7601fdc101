# mistake: counted notes instead of deals: each reply votes with its deal's outcome
joined = objections.merge(deals[deals.is_closed][["opportunity_id", "is_won"]], on="opportunity_id")
win_by_quality = joined.groupby("response_quality").is_won.mean()
