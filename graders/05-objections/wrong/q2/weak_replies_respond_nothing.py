# mistake: did not count a discount, a feature dump or a rebuttal as a response (labelled quality, not steps)
# core: yes
laer_labels = {
    "A": "",
    "B": "acknowledge;explore",
    "C": "listen;acknowledge;explore",
    "D": "acknowledge",
    "E": "",
    "F": "listen;acknowledge;explore;respond",
    "G": "acknowledge;respond",
}
