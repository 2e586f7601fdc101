# mistake: gave the share of customers WITH each item instead of without it
sold = world.subscriptions.merge(world.opportunities, on="opportunity_id")
flags = {"economic_buyer": "has_economic_buyer", "champion": "has_champion",
         "metrics": "has_metrics", "identified_pain": "has_identified_pain"}
handoff_gaps = {item: sold[flag].mean() for item, flag in flags.items()}
