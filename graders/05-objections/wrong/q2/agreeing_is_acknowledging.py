# mistake: treated agreeing with the objection ("You're right, it is expensive") as acknowledging it
laer_labels = {
    "A": "acknowledge;respond",
    "B": "acknowledge;explore",
    "C": "listen;acknowledge;explore",
    "D": "acknowledge;respond",
    "E": "respond",
    "F": "listen;acknowledge;explore;respond",
    "G": "acknowledge;respond",
}
