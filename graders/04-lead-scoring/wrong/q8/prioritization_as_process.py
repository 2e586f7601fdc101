# mistake: took the buyer's decision process (how they choose) for prioritization (where the project sits, and so when)
champ = {"challenges": "A", "authority": "D", "money": "B", "prioritization": "E"}
