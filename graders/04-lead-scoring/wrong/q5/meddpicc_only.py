# mistake: tagged only MEDDPICC elements, missing the BANT ones (authority, need, budget, timeline)
# core: yes
tags = {
    "A": "meddpicc.identified_pain",
    "B": "meddpicc.decision_criteria",
    "C": "meddpicc.champion",
    "D": "meddpicc.economic_buyer",
    "E": "meddpicc.decision_process",
    "F": "meddpicc.decision_process",
    "G": "meddpicc.metrics",
    "H": "meddpicc.paper_process",
    "I": "meddpicc.competition",
    "J": "meddpicc.decision_criteria",
    "K": "meddpicc.economic_buyer",
}
