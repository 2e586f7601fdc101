# mistake: confused the decision process (how they choose) with the paper process (legal, procurement after choosing)
tags = {
    "A": "bant.need;meddpicc.identified_pain",
    "B": "bant.budget",
    "C": "meddpicc.champion",
    "D": "bant.authority;meddpicc.economic_buyer",
    "E": "meddpicc.paper_process",
    "F": "bant.timeline",
    "G": "meddpicc.metrics",
    "H": "meddpicc.decision_process",
    "I": "meddpicc.competition",
    "J": "meddpicc.decision_criteria",
    "K": "bant.authority;meddpicc.economic_buyer",
}
