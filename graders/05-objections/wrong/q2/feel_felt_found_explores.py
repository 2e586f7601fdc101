# mistake: counted Feel-Felt-Found said at once as exploring the concern
laer_labels = {
    "A": "respond",
    "B": "acknowledge;explore",
    "C": "listen;acknowledge;explore",
    "D": "acknowledge;respond",
    "E": "respond",
    "F": "listen;acknowledge;explore;respond",
    "G": "acknowledge;explore;respond",
}
