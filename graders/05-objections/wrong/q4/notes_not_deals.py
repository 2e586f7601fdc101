# mistake: counted notes instead of deals (a deal that heard an objection three times votes three times)
# core: yes
done = deals[deals.is_closed]
joined = objections.merge(done[["opportunity_id", "is_won"]], on="opportunity_id")
win_by_category = joined.groupby("objection_category").is_won.mean()
