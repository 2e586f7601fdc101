# mistake: took the metrics (the gain the buyer expects) for money (the budget)
champ = {"challenges": "A", "authority": "D", "money": "G", "prioritization": "F"}
