# mistake: read the Ch of CHAMP as the champion instead of the buyer's challenges
# core: yes
champ = {"challenges": "C", "authority": "D", "money": "B", "prioritization": "F"}
