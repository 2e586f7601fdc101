# mistake: measured every new-business deal (lost and open too), not the won deals customers came from
# core: yes
deals = world.opportunities[world.opportunities.type == "new_business"]
flags = {"economic_buyer": "has_economic_buyer", "champion": "has_champion",
         "metrics": "has_metrics", "identified_pain": "has_identified_pain"}
handoff_gaps = {item: (~deals[flag]).mean() for item, flag in flags.items()}
