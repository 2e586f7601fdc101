# mistake: included customers whose first renewal has not come yet
# core: yes
due = world.subscriptions.merge(world.opportunities.drop(columns=["account_id", "segment"]), on="opportunity_id")
heavy, no_eb, no_champion = due.discount_pct >= 20, ~due.has_economic_buyer, ~due.has_champion
churned = due.status == "churned"
churn_by_signal = {"discount_heavy": churned[heavy].mean(), "no_economic_buyer": churned[no_eb].mean(),
                   "no_champion": churned[no_champion].mean(), "none": churned[~(heavy | no_eb | no_champion)].mean()}
